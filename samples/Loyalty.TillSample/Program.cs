// A till integration with the Loyalty partner API:
//   dotnet run --project samples/Loyalty.TillSample -- <base-url> <api-key> <store-id> <member-number> [amount]
// or set LOYALTY_BASE_URL, LOYALTY_API_KEY, LOYALTY_STORE_ID, LOYALTY_MEMBER_NUMBER (and LOYALTY_AMOUNT).
using System.Globalization;
using Loyalty.Client;
using Loyalty.TillSample;

string? Setting(int index, string variable) =>
    args.Length > index ? args[index] : Environment.GetEnvironmentVariable(variable);

var baseUrl = Setting(0, "LOYALTY_BASE_URL");
var apiKey = Setting(1, "LOYALTY_API_KEY");
var storeId = Setting(2, "LOYALTY_STORE_ID");
var memberNumber = Setting(3, "LOYALTY_MEMBER_NUMBER");
if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseAddress) || string.IsNullOrWhiteSpace(apiKey)
    || !Guid.TryParse(storeId, out var store) || string.IsNullOrWhiteSpace(memberNumber)
    || !decimal.TryParse(Setting(4, "LOYALTY_AMOUNT") ?? "42.50", NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
{
    await Console.Error.WriteLineAsync("usage: Loyalty.TillSample <base-url> <api-key> <store-id> <member-number> [amount]");
    return 2;
}

// Lookups and keyed writes are retried on transient failures, always with the same Idempotency-Key.
using var handler = new SocketsHttpHandler();
var till = LoyaltyClientFactory.CreatePartnerApi(handler, baseAddress, apiKey, new LoyaltyRetryOptions { MaxAttempts = 4 });
return await Till.SellAsync(till, store, memberNumber, amount, Console.Out);
