using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Redemptions;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Financial.Ledger;
using Loyalty.Domain.Social.Members;
using Loyalty.Infrastructure.Persistence;

namespace Loyalty.Api.Tests.Transfers;

[Collection(ApiCollection.Name)]
public sealed class TransferTests(ApiFixture fixture)
{
    private const string Transfers = "/api/v1/me/transfers";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_confirmed_transfer_moves_the_points_with_their_expiry_dates(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { Expiry = new ExpiryPolicyDto(ExpiryKind.AfterPeriod, 12, PeriodUnit.Months), PendingDays = 0, TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync("Anna");
        var (ben, benProfile) = await s.JoinAppAsync("Ben");
        await s.EarnAsync(annaProfile.MemberNumber, 30m);
        using (s.Api.Clock.Travel(TimeSpan.FromDays(50)))
        {
            await s.EarnAsync(annaProfile.MemberNumber, 70m);
        }

        var annaLots = await s.LotsAsync(annaProfile.MemberNumber);
        var created = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 50, "For the holiday"));

        Assert.Equal((TransferSide.Outgoing, TransferStatus.AwaitingConfirmation, 50L, "For the holiday"), (created.Direction, created.Status, created.Points, created.Message));
        Assert.Equal((benProfile.FirstName + " " + benProfile.LastName[0] + ".", benProfile.MemberNumber), (created.CounterpartName, created.CounterpartMemberNumber));
        Assert.Equal(TimeSpan.FromMinutes(15), created.ExpiresAt - created.CreatedAt);
        Assert.Equal(100, (await anna.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available); // nothing moved yet

        var confirmed = await anna.PostJsonAsync<TransferResponse>($"{Transfers}/{created.Id}/confirm", new { }, idempotent: true);

        Assert.Equal(TransferStatus.Completed, confirmed.Status);
        Assert.NotNull(confirmed.CompletedAt);
        Assert.Equal(50, (await anna.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available);
        Assert.Equal(50, (await ben.GetJsonAsync<PointsBalanceResponse>("/api/v1/me/points")).Available);
        var benLots = await s.LotsAsync(benProfile.MemberNumber);
        Assert.Equal([(30L, annaLots[0].ExpiresAt), (20L, annaLots[1].ExpiresAt)], benLots.Select(l => (l.Remaining, l.ExpiresAt))); // no fresh dates
        Assert.Equal(0, (await s.AccountAsync(benProfile.MemberNumber)).LifetimeEarned); // a gift is not earned
        var incoming = Assert.Single((await ben.GetJsonAsync<Page<TransferResponse>>(Transfers)).Items);
        Assert.Equal((TransferSide.Incoming, TransferStatus.Completed, "Anna " + annaProfile.LastName[0] + ".", (string?)null), (incoming.Direction, incoming.Status, incoming.CounterpartName, incoming.CounterpartMemberNumber));
        Assert.Equal([LedgerEntryType.TransferIn], (await s.LedgerAsync(benProfile.MemberNumber)).Select(e => e.Type));
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_confirmation_replays_with_its_key_and_nothing_follows_a_completed_or_cancelled_transfer(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (_, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        var done = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 10, null));
        var dropped = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 20, null));
        var key = Guid.NewGuid().ToString();

        using var first = await anna.PostAsync($"{Transfers}/{done.Id}/confirm", new { }, key);
        using var replay = await anna.PostAsync($"{Transfers}/{done.Id}/confirm", new { }, key);
        using var again = await anna.PostAsync($"{Transfers}/{done.Id}/confirm", new { }, Guid.NewGuid().ToString());
        using var cancelDone = await anna.PostAsync($"{Transfers}/{done.Id}/cancel", new { }, null);
        var cancelled = await anna.PostJsonAsync<TransferResponse>($"{Transfers}/{dropped.Id}/cancel", new { });
        using var confirmCancelled = await anna.PostAsync($"{Transfers}/{dropped.Id}/confirm", new { }, Guid.NewGuid().ToString());
        using var noKey = await anna.PostAsync($"{Transfers}/{dropped.Id}/confirm", new { }, null);

        await first.EnsureStatusAsync(HttpStatusCode.OK);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_already_completed");
        await cancelDone.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_already_completed");
        Assert.Equal(TransferStatus.Cancelled, cancelled.Status);
        await confirmCancelled.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_cancelled");
        await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency_key_required");
        Assert.Equal(90, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_transfer_not_confirmed_within_15_minutes_expires(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (_, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        var created = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 10, null));

        using (s.Api.Clock.Travel(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1)))
        {
            using var confirm = await anna.PostAsync($"{Transfers}/{created.Id}/confirm", new { }, Guid.NewGuid().ToString());
            await confirm.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_expired");
            using var cancel = await anna.PostAsync($"{Transfers}/{created.Id}/cancel", new { }, null);
            await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "transfer_expired");
            Assert.Equal(TransferStatus.Expired, Assert.Single((await anna.GetJsonAsync<Page<TransferResponse>>(Transfers)).Items).Status);
        }

        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Transfers_to_yourself_to_nobody_or_to_a_suspended_member_and_from_a_suspended_one_are_refused(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (ben, benProfile) = await s.JoinAppAsync();
        var carl = await s.EnrolAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        await s.EarnAsync(benProfile.MemberNumber, 100m);
        var pending = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(carl.MemberNumber, 10, null));
        var fromBen = await ben.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(carl.MemberNumber, 10, null));
        await s.SetStatusAsync(carl.MemberNumber, Loyalty.Domain.Social.Members.MemberStatus.Suspended);
        await s.SetStatusAsync(benProfile.MemberNumber, Loyalty.Domain.Social.Members.MemberStatus.Suspended);

        using var self = await anna.PostAsync(Transfers, new CreateTransferRequest(annaProfile.MemberNumber, 10, null), null);
        var unused = MemberNumber.Generate().Value;
        var typo = unused[..^1] + (char)('0' + ((unused[^1] - '0' + 1) % 10));
        using var nobody = await anna.PostAsync(Transfers, new CreateTransferRequest(unused, 10, null), null);
        using var mistyped = await anna.PostAsync(Transfers, new CreateTransferRequest(typo, 10, null), null);
        using var toSuspended = await anna.PostAsync(Transfers, new CreateTransferRequest(carl.MemberNumber, 10, null), null);
        using var confirmToSuspended = await anna.PostAsync($"{Transfers}/{pending.Id}/confirm", new { }, Guid.NewGuid().ToString());
        using var fromSuspended = await ben.PostAsync(Transfers, new CreateTransferRequest(annaProfile.MemberNumber, 10, null), null);
        using var confirmFromSuspended = await ben.PostAsync($"{Transfers}/{fromBen.Id}/confirm", new { }, Guid.NewGuid().ToString());

        await self.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer_to_self");
        await nobody.AssertProblemAsync(HttpStatusCode.NotFound, "member_not_found");
        await mistyped.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await toSuspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "recipient_not_active");
        await confirmToSuspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "recipient_not_active");
        await fromSuspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        await confirmFromSuspended.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member_suspended");
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(100, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(carl.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Limits_per_transfer_and_per_calendar_month_hold_and_zero_turns_transfers_off(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (_, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 1_000m);

        await using (await s.PolicyAsync(p => p with { TransferMaxPoints = 0, TransferMaxPointsPerMonth = 0 }))
        {
            using var off = await anna.PostAsync(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 1, null), null);
            await off.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfers_disabled");
        }

        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 100, TransferMaxPointsPerMonth = 150 });
        using var tooBig = await anna.PostAsync(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 101, null), null);
        await tooBig.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer_limit_exceeded");

        // Both fit when created; the month's total is enforced when they are confirmed.
        var first = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 100, null));
        var second = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 100, null));
        await anna.PostJsonAsync<TransferResponse>($"{Transfers}/{first.Id}/confirm", new { }, idempotent: true);
        using var overMonth = await anna.PostAsync($"{Transfers}/{second.Id}/confirm", new { }, Guid.NewGuid().ToString());
        await overMonth.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer_monthly_limit_exceeded");
        var fits = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 50, null));
        await anna.PostJsonAsync<TransferResponse>($"{Transfers}/{fits.Id}/confirm", new { }, idempotent: true);
        using var full = await anna.PostAsync(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 1, null), null);
        await full.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer_monthly_limit_exceeded");

        var now = s.Api.Clock.GetUtcNow();
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1).AddMinutes(1);
        using (s.Api.Clock.Travel(nextMonth - now))
        {
            var fresh = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 100, null));
            Assert.Equal(TransferStatus.Completed, (await anna.PostJsonAsync<TransferResponse>($"{Transfers}/{fresh.Id}/confirm", new { }, idempotent: true)).Status);
        }

        Assert.Equal(750, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(250, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_transfer_needs_the_points_when_created_and_again_when_confirmed(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (_, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 50m);

        using var tooMany = await anna.PostAsync(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 51, null), null);
        var created = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 50, null));
        await s.AuthoriseAsync(annaProfile.MemberNumber, 10); // a till holds some of them meanwhile
        using var confirm = await anna.PostAsync($"{Transfers}/{created.Id}/confirm", new { }, Guid.NewGuid().ToString());

        await tooMany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        await confirm.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        Assert.Equal(40, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(0, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_sender_can_confirm_or_cancel_a_transfer(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (ben, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 50m);
        var created = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 50, null));

        using var confirm = await ben.PostAsync($"{Transfers}/{created.Id}/confirm", new { }, Guid.NewGuid().ToString());
        using var cancel = await ben.PostAsync($"{Transfers}/{created.Id}/cancel", new { }, null);
        using var unknown = await anna.PostAsync($"{Transfers}/{Guid.NewGuid()}/confirm", new { }, Guid.NewGuid().ToString());

        await confirm.AssertProblemAsync(HttpStatusCode.NotFound, "transfer_not_found");
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound, "transfer_not_found");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "transfer_not_found");
        Assert.Empty((await ben.GetJsonAsync<Page<TransferResponse>>(Transfers)).Items); // nothing has reached the recipient yet
        Assert.Equal(TransferStatus.AwaitingConfirmation, Assert.Single((await anna.GetJsonAsync<Page<TransferResponse>>(Transfers)).Items).Status);
        Assert.Equal(50, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Opposite_transfers_confirmed_at_once_all_complete_without_deadlock(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (ben, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        await s.EarnAsync(benProfile.MemberNumber, 100m);
        var transfers = new List<(HttpClient Sender, Guid Id)>();
        for (var i = 0; i < 6; i++)
        {
            transfers.Add((anna, (await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 10, null))).Id));
            transfers.Add((ben, (await ben.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(annaProfile.MemberNumber, 5, null))).Id));
        }

        var results = await PointsFlows.InParallelAsync(transfers.Count, i => transfers[i].Sender.PostAsync($"{Transfers}/{transfers[i].Id}/confirm", new { }, Guid.NewGuid().ToString()));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.OK, $"{(int)r.Status}: {r.Body}"));
        Assert.Equal(100 - 60 + 30, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(100 - 30 + 60, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Parallel_confirmations_of_one_transfer_move_the_points_once(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (_, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        var created = await anna.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(benProfile.MemberNumber, 30, null));

        var results = await PointsFlows.InParallelAsync(6, i => i % 3 == 2
            ? anna.PostAsync($"{Transfers}/{created.Id}/cancel", new { }, null)
            : anna.PostAsync($"{Transfers}/{created.Id}/confirm", new { }, Guid.NewGuid().ToString()));

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        var moved = winner.Body.Contains("\"completed\"", StringComparison.Ordinal) ? 30 : 0;
        Assert.Equal(100 - moved, await s.AssertBalanceEqualsLedgerAsync(annaProfile.MemberNumber));
        Assert.Equal(moved, await s.AssertBalanceEqualsLedgerAsync(benProfile.MemberNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task My_transfers_page_newest_first_in_both_directions(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        await using var policy = await s.PolicyAsync(p => p with { TransferMaxPoints = 1_000, TransferMaxPointsPerMonth = 5_000 });
        var (anna, annaProfile) = await s.JoinAppAsync();
        var (ben, benProfile) = await s.JoinAppAsync();
        await s.EarnAsync(annaProfile.MemberNumber, 100m);
        await s.EarnAsync(benProfile.MemberNumber, 100m);
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var (client, to) = i % 2 == 0 ? (ben, annaProfile) : (anna, benProfile);
            var id = (await client.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(to.MemberNumber, i, null))).Id;
            await client.PostJsonAsync<TransferResponse>($"{Transfers}/{id}/confirm", new { }, idempotent: true);
            ids.Add(id);
        }

        var unconfirmed = await ben.PostJsonAsync<TransferResponse>(Transfers, new CreateTransferRequest(annaProfile.MemberNumber, 1, null)); // not Anna's to see

        var seen = new List<TransferResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await anna.GetJsonAsync<Page<TransferResponse>>($"{Transfers}?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen.Select(t => t.Id));
        Assert.Equal([TransferSide.Outgoing, TransferSide.Incoming, TransferSide.Outgoing, TransferSide.Incoming, TransferSide.Outgoing], seen.Select(t => t.Direction));
        Assert.Equal(unconfirmed.Id, (await ben.GetJsonAsync<Page<TransferResponse>>($"{Transfers}?limit=1")).Items[0].Id);
        using var bad = await anna.GetAsync($"{Transfers}?cursor=bm9wZQ");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }
}
