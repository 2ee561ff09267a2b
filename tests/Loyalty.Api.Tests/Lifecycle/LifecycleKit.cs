using System.Net;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Admin;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Tests.Lifecycle;

/// <summary>Admin calls and look-ups the lifecycle tests share.</summary>
public static class LifecycleKit
{
    public static string Admin(Guid memberId, string action) => $"/api/v1/admin/members/{memberId}/{action}";

    public static Task<MemberLifecycleResponse> SuspendAsync(this Scenario s, Guid memberId) =>
        s.Admin.PostJsonAsync<MemberLifecycleResponse>(Admin(memberId, "suspend"), new MemberStatusChangeRequest("Suspected card sharing"));

    public static Task<MemberLifecycleResponse> CloseAsync(this Scenario s, Guid memberId, PointsOnClose? pointsOnClose = null) =>
        s.Admin.PostJsonAsync<MemberLifecycleResponse>(Admin(memberId, "close"), new CloseMemberRequest("Asked at the desk", pointsOnClose));

    public static Task<MergeMembersResponse> MergeAsync(this Scenario s, Guid survivorId, Guid duplicateId) =>
        s.Admin.PostJsonAsync<MergeMembersResponse>(Admin(survivorId, "merge"), new MergeMemberRequest(duplicateId, "Same person, two cards"));

    public static Task<HttpResponseMessage> PostAdminAsync(this Scenario s, Guid memberId, string action, object body) =>
        s.Admin.PostAsync(Admin(memberId, action), body, idempotencyKey: null);

    public static async Task<Guid> IdOfAsync(this Scenario s, string memberNumber)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.Members.Where(m => m.MemberNumber == memberNumber).Select(m => m.Id).SingleAsync();
    }

    public static async Task<List<string>> EventsAsync(this Scenario s, Guid memberId)
    {
        await using var db = s.Api.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.MemberId == memberId && m.Type.StartsWith("member.")).OrderBy(m => m.OccurredAt).Select(m => m.Type).ToListAsync();
    }

    public static async Task<List<string>> AuditActionsAsync(this Scenario s, Guid memberId)
    {
        await using var db = s.Api.CreateDbContext();
        var id = memberId.ToString();
        return await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "member" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    public static async Task<HttpStatusCode> PurchaseStatusAsync(this Scenario s, string memberNumber, decimal amount)
    {
        using var response = await s.Partner.PostAsync("/api/v1/partner/transactions", s.Purchase(memberNumber, amount), Guid.NewGuid().ToString());
        return response.StatusCode;
    }
}
