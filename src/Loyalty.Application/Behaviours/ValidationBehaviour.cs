using FluentValidation;
using Loyalty.Application.Common;
using Mediator;

namespace Loyalty.Application.Behaviours;

/// <summary>Runs every FluentValidation validator of a message before its handler; failures become one 400.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Most queries have only the text check that every message gets, and pass it: that is answered here without
        // FluentValidation's context and result objects, and without an async frame of this behaviour around the
        // handler. A message that fails it, or has validators of its own, is validated as always.
        foreach (var validator in validators)
        {
            if (validator is not TextSafetyValidator<TMessage>)
            {
                return ValidateAndHandleAsync(message, next, cancellationToken);
            }
        }

        return TextSafety.IsClean(message) ? next(message, cancellationToken) : ValidateAndHandleAsync(message, next, cancellationToken);
    }

    private async ValueTask<TResponse> ValidateAndHandleAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
