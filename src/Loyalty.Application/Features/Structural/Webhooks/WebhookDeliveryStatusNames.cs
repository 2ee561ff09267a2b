using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Structural.Webhooks;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>Delivery statuses as the API spells them: camelCase, like every other enum name it shows.</summary>
internal static class WebhookDeliveryStatusNames
{
    public static string Of(WebhookDeliveryStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static WebhookDeliveryStatus? Parse(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.GetValues<WebhookDeliveryStatus>().Cast<WebhookDeliveryStatus?>().FirstOrDefault(s => Of(s!.Value) == status)
            ?? throw AppException.BadRequest(ErrorCodes.InvalidStatus, $"status must be one of {string.Join(", ", Enum.GetValues<WebhookDeliveryStatus>().Select(Of))}.");
}
