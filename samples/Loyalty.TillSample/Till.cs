using Loyalty.Client;
using Loyalty.Contracts.Partner;

namespace Loyalty.TillSample;

/// <summary>One sale at a till: look the card up, earn on the receipt, pay part of it with points.</summary>
public static class Till
{
    /// <summary>Runs the sale and writes what happened to <paramref name="output"/>; returns 0 on success, 1 when the API refused.</summary>
    public static async Task<int> SellAsync(IPartnerApi till, Guid storeId, string cardNumber, decimal amount, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(till);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var member = await till.GetMemberAsync(cardNumber);
            await output.WriteLineAsync($"{member.DisplayName} ({member.Tier.Name}): {member.AvailablePoints} points");

            // One key per operation; a retry of the same sale (even after a restart) must reuse it.
            var receipt = $"R-{Guid.NewGuid():N}"[..14];
            var sale = await till.RecordPurchaseAsync(
                new RecordPurchaseRequest(member.MemberNumber, storeId, receipt, amount, "EUR", null), IdempotencyKeys.New());
            await output.WriteLineAsync($"Sale {sale.ExternalId}: +{sale.PointsEarned} points, {sale.AvailablePoints} available");

            // Paying with points: authorise (the points are held), then capture once the payment completes.
            var points = Math.Min(100, sale.AvailablePoints);
            var held = await till.AuthoriseRedemptionAsync(new RedeemPointsRequest(member.MemberNumber, storeId, points, receipt), IdempotencyKeys.New());
            var paid = await till.CaptureRedemptionAsync(held.RedemptionId, null, IdempotencyKeys.New());
            await output.WriteLineAsync($"Paid {paid.CapturedPoints} points, {paid.AvailablePoints} left");
            return 0;
        }
        catch (LoyaltyNotFoundException e) when (e.Code == "member_not_found")
        {
            await output.WriteLineAsync("No member has this card.");
        }
        catch (LoyaltyValidationException e)
        {
            await output.WriteLineAsync($"Please check the input ({e.Code}): "
                + string.Join("; ", e.Errors.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")));
        }
        catch (LoyaltyBusinessRuleException e) when (e.Code == "insufficient_points")
        {
            await output.WriteLineAsync("Not enough points for this payment.");
        }
        catch (LoyaltyRateLimitedException e)
        {
            await output.WriteLineAsync($"The loyalty service is busy; try again in {e.RetryAfter?.TotalSeconds ?? 1} s.");
        }
        catch (LoyaltyAuthenticationException)
        {
            await output.WriteLineAsync("The API key was refused.");
        }
        catch (LoyaltyApiException e)
        {
            await output.WriteLineAsync($"{e.Message} (trace {e.TraceId})");
        }
        catch (Exception e) when (Unreachable(e) is { } cause)
        {
            await output.WriteLineAsync($"The loyalty service cannot be reached ({cause.Message}); check the base URL (the API listens on http://localhost:5080 by default).");
        }

        return 1;
    }

    /// <summary>
    /// The network failure behind <paramref name="exception"/>, if that is what it is: Refit wraps a failed send in
    /// its own ApiRequestException, and a timeout surfaces as a cancellation the till did not ask for.
    /// </summary>
    private static Exception? Unreachable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException)
            {
                return e;
            }
        }

        return exception is TaskCanceledException ? exception : null;
    }
}
