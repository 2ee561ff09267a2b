using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Application.Features.Social.Tiers;

/// <summary>
/// Replaces the tier scheme from effectiveFrom: at once when it is now or earlier (or omitted), else by the job when
/// it is due. A newer submission replaces a pending one. Audited.
/// </summary>
public sealed record ChangeTierSchemeCommand(string Actor, TierSchemeRequest Request) : ICommand<TierSchemeResponse>, ITransactionalCommand;

public sealed class ChangeTierSchemeValidator : AbstractValidator<ChangeTierSchemeCommand>
{
    public ChangeTierSchemeValidator(TimeProvider clock) =>
        RuleFor(c => c.Request).NotNull().SetValidator(new TierSchemeRequestValidator(clock));
}

public sealed class ChangeTierSchemeHandler(TierSchemeService schemes) : ICommandHandler<ChangeTierSchemeCommand, TierSchemeResponse>
{
    public async ValueTask<TierSchemeResponse> Handle(ChangeTierSchemeCommand command, CancellationToken cancellationToken)
    {
        await schemes.SubmitAsync(command.Request, command.Actor, cancellationToken);
        return await schemes.GetAsync(cancellationToken);
    }
}
