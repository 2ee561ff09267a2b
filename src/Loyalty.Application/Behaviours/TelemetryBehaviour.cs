using System.Diagnostics;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Financial.Redemptions;
using Loyalty.Domain.Common;
using Mediator;

namespace Loyalty.Application.Behaviours;

/// <summary>
/// The outermost behaviour: one span per use case (named after the message type, between the HTTP span and the
/// database spans) and the declined-authorisation counter, so no handler carries telemetry code of its own.
/// Without a listener StartActivity returns null and this costs a null check.
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    // One name per closed generic type, computed once: no string work per call.
    private static readonly string SpanName = typeof(TMessage).Name;
    private static readonly bool IsAuthorisation = typeof(TMessage) == typeof(AuthoriseRedemptionCommand);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = LoyaltyTelemetry.Source.StartActivity(SpanName, ActivityKind.Internal);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception)
        {
            var code = exception switch
            {
                DomainException domain => domain.Code,
                AppException app => app.Code,
                _ => null,
            };
            if (IsAuthorisation && code is not null)
            {
                LoyaltyTelemetry.AuthorisationsDeclined.Add(1, new KeyValuePair<string, object?>("reason", code));
            }

            if (activity is not null)
            {
                // A refusal is an answer, not a fault: only unexpected exceptions mark the span as an error.
                activity.SetTag("loyalty.error.code", code);
                if (code is null)
                {
                    activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                }
            }

            throw;
        }
    }
}
