using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

public sealed record ReactivateMemberCommand(string Actor, Guid MemberId, MemberStatusChangeRequest Request) : ICommand<MemberLifecycleResponse>, ITransactionalCommand;

public sealed class ReactivateMemberValidator : AbstractValidator<ReactivateMemberCommand>
{
    public ReactivateMemberValidator() => RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
}
