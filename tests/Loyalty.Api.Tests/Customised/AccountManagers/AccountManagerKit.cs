using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Partner;

namespace Loyalty.Api.Tests.Customised.AccountManagers;

/// <summary>Registers account managers, hands them members and opens key-account files, through the admin API.</summary>
internal static class AccountManagerKit
{
    public const string Managers = "/api/v1/admin/account-managers";

    public static string MemberUrl(Guid memberId, string tail = "") => $"/api/v1/admin/members/{memberId}{tail}";

    /// <summary>A registered manager and an HTTP client holding their account-manager token.</summary>
    public static async Task<(AccountManagerResponse Manager, HttpClient Client)> ManagerAsync(this Scenario s, int capacity = 50)
    {
        var subject = "manager-" + Unique.Id();
        var manager = await s.Admin.PostJsonAsync<AccountManagerResponse>(Managers, new RegisterAccountManagerRequest(subject, "Manager " + subject, subject + "@club.example", capacity));
        return (manager, s.Api.CreateClient().WithBearer(TestTokens.Create(subject, "account-manager")));
    }

    public static async Task<EnrolledMemberResponse> AssignedMemberAsync(this Scenario s, Guid managerId)
    {
        var member = await s.EnrolAsync();
        await s.Admin.PostJsonAsync<AssignmentsResponse>($"{Managers}/{managerId}/assignments", new AssignMembersRequest([member.Id], "Top spender"));
        return member;
    }

    public static KeyAccountFileRequest BusinessFile(DateTimeOffset? nextReviewAt) => new(
        KeyAccountKind.Business,
        "Acme Bakeries Ltd",
        [new KeyAccountContactDto("Ada Baker", "Buyer", "ada@acme.example", "+44 20 7946 0000")],
        "Weekly flour delivery; invoices per branch",
        "Two deck ovens (model DX-2), POS integration",
        new AgreedTermsDto("Next-day response", "EUR 20,000 credit line", "30 days net"),
        nextReviewAt);
}
