using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>Staff suspend a member (no earning or spending; reading stays) or lift the suspension. Audited, with a reason.</summary>
public sealed record SuspendMemberCommand(string Actor, Guid MemberId, MemberStatusChangeRequest Request) : ICommand<MemberLifecycleResponse>, ITransactionalCommand;

public sealed class SuspendMemberValidator : AbstractValidator<SuspendMemberCommand>
{
    public SuspendMemberValidator() => RuleFor(c => c.Request.Reason).NotEmpty().MaximumLength(500);
}
