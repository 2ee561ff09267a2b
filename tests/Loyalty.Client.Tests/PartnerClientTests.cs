using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class PartnerClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_till_enrols_looks_up_earns_and_redeems_through_the_partner_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);

        var enrolled = await api.EnrolMemberAsync(s.NewMember("Kowalski"), IdempotencyKeys.New());
        Assert.Equal(MemberNumberParseResult.Valid, MemberNumber.TryParse(enrolled.MemberNumber, out var number));
        Assert.Equal("Test K.", enrolled.DisplayName);
        Assert.Equal("Bronze", enrolled.Tier.Name);

        var lookup = await api.GetMemberAsync(number.Formatted); // as typed at the till, with spaces
        Assert.Equal((enrolled.MemberNumber, "Test K.", Loyalty.Contracts.Common.MemberStatus.Active, 0L), (lookup.MemberNumber, lookup.DisplayName, lookup.Status, lookup.AvailablePoints));

        var purchase = await api.RecordPurchaseAsync(s.Purchase(enrolled.MemberNumber, 42.99m, "RECEIPT-1"), IdempotencyKeys.New());
        Assert.Equal(("RECEIPT-1", 42.99m, "EUR"), (purchase.ExternalId, purchase.Amount, purchase.Currency));
        Assert.Equal(42, purchase.PointsEarned);
        Assert.Equal(42, purchase.AvailablePoints);
        var line = Assert.Single(purchase.Breakdown);
        Assert.Equal((EarnLineKind.Base, 42L), (line.Kind, line.Points));

        var quote = await api.QuoteRedemptionAsync(new RedeemPointsRequest(enrolled.MemberNumber, s.Store.Id, 40, "PAY-1"));
        Assert.Equal((true, (long?)42, (long?)2), (quote.Authorisable, quote.AvailableBefore, quote.AvailableAfter));
        Assert.Equal("insufficient_points", (await api.QuoteRedemptionAsync(new RedeemPointsRequest(enrolled.MemberNumber, s.Store.Id, 43, null))).RefusalCode);
        var authorised = await api.AuthoriseRedemptionAsync(new RedeemPointsRequest(enrolled.MemberNumber, s.Store.Id, 40, "PAY-1"), IdempotencyKeys.New());
        Assert.Equal((RedemptionStatus.Authorised, 40L, "PAY-1", 2L), (authorised.Status, authorised.HeldPoints, authorised.Reference, authorised.AvailablePoints));
        var captured = await api.CaptureRedemptionAsync(authorised.RedemptionId, new CaptureRedemptionRequest(30), IdempotencyKeys.New());
        Assert.Equal((RedemptionStatus.Captured, 30L, 0L, 12L), (captured.Status, captured.CapturedPoints, captured.HeldPoints, captured.AvailablePoints));
        Assert.Equal(RedemptionStatus.Captured, (await api.GetRedemptionAsync(authorised.RedemptionId)).Status);

        Assert.Equal(12, (await api.GetMemberAsync(enrolled.MemberNumber)).AvailablePoints);
        Assert.Equal(12, await s.AssertBalanceEqualsLedgerAsync(enrolled.MemberNumber));
    }

    [Fact]
    public async Task Retrying_a_purchase_with_the_same_idempotency_key_returns_the_same_purchase_and_earns_once()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var request = s.Purchase(member.MemberNumber, 10m);
        var key = IdempotencyKeys.New();

        var first = await api.RecordPurchaseAsync(request, key);
        var retry = await api.RecordPurchaseAsync(request, key);

        Assert.Equal(first.PurchaseId, retry.PurchaseId);
        Assert.Equal(first.RecordedAt, retry.RecordedAt);
        Assert.Equal((10L, 10L), (retry.PointsEarned, retry.AvailablePoints));
        Assert.Equal(10, (await api.GetMemberAsync(member.MemberNumber)).AvailablePoints);
        await using var db = fixture.Factory.CreateDbContext();
        var memberId = await db.Members.Where(m => m.MemberNumber == member.MemberNumber).Select(m => m.Id).SingleAsync();
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.MemberId == memberId && e.Type == LedgerEntryType.Earn));
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Fact]
    public async Task A_till_quotes_an_itemised_basket_and_then_earns_exactly_that()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        PurchaseLineRequest[] lines = [new("ESP-250", "coffee", 1, 12.40m), new(null, null, 2, 7.60m)];

        var quote = await api.QuotePurchaseAsync(new QuotePurchaseRequest(member.MemberNumber, s.Store.Id, 20m, "EUR", Lines: lines));
        Assert.Equal(0, (await api.GetMemberAsync(member.MemberNumber)).AvailablePoints);
        var purchase = await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 20m) with { Lines = lines }, IdempotencyKeys.New());

        Assert.Equal(20, quote.PointsEarned); // one base rate rounds once over its lines: floor(12.40 + 7.60), not 12 + 7
        Assert.Equal(quote.PointsEarned, purchase.PointsEarned);
        Assert.Equal(quote.Breakdown, purchase.Breakdown);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_purchase_is_a_LoyaltyApiException()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var key = IdempotencyKeys.New();
        await api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 10m), key);

        var error = await Assert.ThrowsAsync<LoyaltyBusinessRuleException>(() => api.RecordPurchaseAsync(s.Purchase(member.MemberNumber, 20m), key));

        Assert.Equal((422, "idempotency_key_reused"), (error.Status, error.Code));
        Assert.Equal(10, (await api.GetMemberAsync(member.MemberNumber)).AvailablePoints);
    }

    [Fact]
    public async Task Spending_more_than_the_balance_throws_insufficient_points()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        await s.EarnAsync(member.MemberNumber, 10m);

        var error = await Assert.ThrowsAsync<LoyaltyBusinessRuleException>(() =>
            api.AuthoriseRedemptionAsync(s.Redemption(member.MemberNumber, 11), IdempotencyKeys.New()));

        Assert.Equal((422, "insufficient_points"), (error.Status, error.Code));
        Assert.Equal("https://loyalty.dev/problems/insufficient-points", error.Type);
        Assert.False(string.IsNullOrEmpty(error.Title));
        Assert.False(string.IsNullOrEmpty(error.TraceId));
        Assert.Empty(error.Errors);
        Assert.Contains("insufficient_points", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(member.MemberNumber));
    }

    [Fact]
    public async Task An_invalid_redemption_throws_validation_failed_with_the_field_in_error()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() =>
            api.AuthoriseRedemptionAsync(s.Redemption(member.MemberNumber, 0), IdempotencyKeys.New()));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.True(error.Errors.ContainsKey("points"), $"errors: {string.Join(", ", error.Errors.Keys)}");
        Assert.NotEmpty(error.Errors["Points"]); // field names are case-insensitive
    }

    [Fact]
    public async Task An_invalid_purchase_reports_every_field_in_error()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() =>
            api.RecordPurchaseAsync(new RecordPurchaseRequest(member.MemberNumber, s.Store.Id, "", -1m, "eur", null), IdempotencyKeys.New()));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.Superset(new HashSet<string>(["externalId", "amount", "currency"]), error.Errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task An_unknown_member_number_with_a_valid_check_digit_throws_member_not_found()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var nobody = MemberNumber.Generate().Value;

        var error = await Assert.ThrowsAsync<LoyaltyNotFoundException>(() => api.GetMemberAsync(nobody));

        Assert.Equal((404, "member_not_found"), (error.Status, error.Code));
    }

    [Fact]
    public async Task A_mistyped_member_number_throws_invalid_member_number()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var last = member.MemberNumber[^1];
        var typo = member.MemberNumber[..^1] + (last == '0' ? '1' : '0');

        var error = await Assert.ThrowsAsync<LoyaltyValidationException>(() => api.GetMemberAsync(typo));

        Assert.Equal((400, "invalid_member_number"), (error.Status, error.Code));
    }

    [Fact]
    public async Task An_unknown_api_key_throws_unauthenticated()
    {
        var api = fixture.PartnerApi("lk_abcdefghij_not-a-real-secret");

        var error = await Assert.ThrowsAsync<LoyaltyAuthenticationException>(() => api.GetMemberAsync(MemberNumber.Generate().Value));

        Assert.Equal((401, "unauthenticated"), (error.Status, error.Code));
    }
}
