using System.Net;
using Loyalty.Api.Tests.ClubEvents;
using Loyalty.Api.Tests.Customised.Profiles;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Api.Tests.Lifecycle;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Admin;

/// <summary>
/// Every staff action that changes a member's points or membership leaves an audit entry. The admin document's writes
/// are walked: each is either exercised here (and must add an entry) or exempt with its reason, so a new admin write
/// fails the first test until someone decides which it is.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminWriteAuditTests(ApiFixture fixture)
{
    private const string Configuration = "programme or integration configuration, not a member's points or membership; audited by its own handler";
    private const string ReadLike = "a POST that only computes an answer; it changes nothing";

    /// <summary>Admin writes that do not change a member's points or membership.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["CreateApiKey"] = Configuration,
        ["AdminRevokeApiKey"] = Configuration,
        ["AdminRotateApiKey"] = Configuration,
        ["CreateCampaign"] = Configuration,
        ["UpdateCampaign"] = Configuration,
        ["EndCampaign"] = Configuration,
        ["CreateClubEvent"] = Configuration,
        ["UpdateClubEvent"] = Configuration,
        ["CancelClubEvent"] = Configuration, // registrations end with the event; nobody's points move
        ["CreateSegment"] = Configuration,
        ["UpdateSegment"] = Configuration,
        ["ArchiveSegment"] = Configuration,
        ["PreviewSegment"] = ReadLike,
        ["RefreshRecommendations"] = "recomputes every member's next best offers from purchases; no points or membership move, nothing personal is edited",
        ["RefreshSegment"] = "recomputes a segment from its rule; each entry and exit is kept in the segment's own history",
        ["CreateEarningRule"] = Configuration,
        ["UpdateEarningRule"] = Configuration,
        ["DeactivateEarningRule"] = Configuration,
        ["CreatePartner"] = Configuration,
        ["UpdatePartner"] = Configuration,
        ["ChangePartnerRateLimit"] = Configuration,
        ["ChangePointsPolicy"] = Configuration,
        ["ChangeReferralProgramme"] = Configuration,
        ["CreateReward"] = Configuration,
        ["UpdateReward"] = Configuration,
        ["CreateStore"] = Configuration,
        ["AdminUpdateStore"] = Configuration,
        ["ChangeTierScheme"] = Configuration + " (tier_scheme.submitted); members move when the job applies it",
        ["CancelTierSchemeVersion"] = Configuration,
        ["CreateTier"] = Configuration + " (a tier scheme change, tier_scheme.submitted)",
        ["AdminCreateWebhook"] = Configuration,
        ["AdminUpdateWebhook"] = Configuration,
        ["AdminDeleteWebhook"] = Configuration,
        ["AdminRotateWebhookSecret"] = Configuration,
        ["AdminReplayWebhookDelivery"] = Configuration,
        ["AdminReplayDeadLetters"] = Configuration,
        ["CreateInterestTopic"] = Configuration,
        ["UpdateInterestTopic"] = Configuration,
        ["CreateProfileAttribute"] = Configuration,
        ["UpdateProfileAttribute"] = Configuration,
        ["LookUpMembersByContact"] = ReadLike,
        ["CreatePersonalOffer"] = Configuration,
        ["UpdatePersonalOffer"] = Configuration,
        ["PublishPersonalOffer"] = Configuration + " (offer.published); a member's points move only when a purchase uses the offer",
        ["WithdrawPersonalOffer"] = Configuration,
        ["ChangeNotificationSettings"] = Configuration,
        // Account management: audited, no points or membership move; AccountManagerTests and KeyAccountTests check the entries.
        ["RegisterAccountManager"] = Configuration,
        ["UpdateAccountManager"] = Configuration,
        ["SetTierPriorityService"] = Configuration,
        ["AssignMembers"] = "audited (member.account_manager_changed), checked in AccountManagerTests",
        ["ChangeAccountManager"] = "audited (member.account_manager_changed), checked in AccountManagerTests",
        ["SetMemberPriorityService"] = "audited (member.priority_service_changed); no points or membership change",
        ["SaveKeyAccountFile"] = "audited (key_account.opened/updated), checked in KeyAccountTests",
        ["RecordKeyAccountInteraction"] = "audited (key_account.interaction_recorded), checked in KeyAccountTests",
        ["CompleteKeyAccountNextStep"] = "audited (key_account.next_step_completed), checked in KeyAccountTests",
        // Care: cases are audited under entity "case"; CaseTests checks the entries. ResolveCase moves points: exercised below.
        ["OpenCase"] = "audited (case.opened), checked in CaseTests; no points or membership change",
        ["ProgressCase"] = "audited (case.step_recorded), checked in CaseTests; no points or membership change",
        ["ReassignCase"] = "audited (case.reassigned), checked in CaseTests; no points or membership change",
        ["SimulateEarning"] = ReadLike,
        ["PreviewTierScheme"] = ReadLike,
        // Insight: scoring changes no member's points or membership; goodwill points go through AdjustPoints (audited there too).
        ["RefreshInsight"] = "recomputes every member's scores as a new run (audited insight.refreshed); no points or membership move",
        ["RecordRetentionAction"] = "audited (retention_action.recorded, and points.adjusted for goodwill points), checked in InsightTests",
    };

    /// <summary>The audited ones: arrange what the call needs, name where its entry lands, then make the call.</summary>
    private static readonly Dictionary<string, Func<Scenario, Task<Exercise>>> Exercised = new(StringComparer.Ordinal)
    {
        ["AdjustPoints"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("member", member.Id, () => s.Admin.PostJsonAsync<AdjustmentResponse>($"/api/v1/admin/members/{member.Id}/adjustments", new CreateAdjustmentRequest(25, "Goodwill")));
        },
        ["ResolveCase"] = async s =>
        {
            var member = await s.EnrolAsync();
            var opened = await s.Admin.PostJsonAsync<CaseResponse>($"/api/v1/admin/members/{member.Id}/cases", new OpenCaseRequest(CaseCategory.Points, CaseChannel.Phone, CaseSeverity.Low, "Missing points", "Receipt R-1"));
            return new Exercise("member", member.Id, async () =>
            {
                using var response = await s.Admin.PostAsync($"/api/v1/admin/members/{member.Id}/cases/{opened.Id}/resolution", new ResolveCaseRequest(CaseOutcome.Upheld, "Credited", 50), Guid.NewGuid().ToString());
                await response.EnsureStatusAsync(HttpStatusCode.OK);
            });
        },
        ["CreateBulkGrant"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("bulk_grant", null, async () =>
            {
                using var response = await s.Admin.PostAsync("/api/v1/admin/grants", new CreateBulkGrantRequest("Sorry for the outage", 10, [member.MemberNumber]), Guid.NewGuid().ToString());
                await response.EnsureStatusAsync(HttpStatusCode.Accepted);
            });
        },
        ["ImportConsents"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("consent_import", null, async () =>
            {
                using var response = await s.Admin.PostAsync(
                    "/api/v1/admin/consent-imports",
                    new ImportConsentsRequest("audit-" + Unique.Id(), [new ConsentImportRow(member.MemberNumber, ConsentPurpose.Marketing, ContactChannel.Email, true)]),
                    Guid.NewGuid().ToString());
                await response.EnsureStatusAsync(HttpStatusCode.OK);
            });
        },
        ["SuspendMember"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("member", member.Id, () => s.SuspendAsync(member.Id));
        },
        ["ReactivateMember"] = async s =>
        {
            var member = await s.EnrolAsync();
            await s.SuspendAsync(member.Id);
            return new Exercise("member", member.Id, () => s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(member.Id, "reactivate"), new MemberStatusChangeRequest("Cleared")));
        },
        ["CloseMember"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("member", member.Id, () => s.CloseAsync(member.Id));
        },
        ["MergeMembers"] = async s =>
        {
            var survivor = await s.EnrolAsync();
            var duplicate = await s.EnrolAsync();
            return new Exercise("member", duplicate.Id, () => s.MergeAsync(survivor.Id, duplicate.Id));
        },
        ["EraseMember"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("member", member.Id, () => s.Admin.PostJsonAsync<MemberLifecycleResponse>(LifecycleKit.Admin(member.Id, "erasure"), new MemberStatusChangeRequest("Erasure request")));
        },
        ["EnrolMemberByStaff"] = s =>
        {
            var u = Unique.Id();
            return Task.FromResult(new Exercise("member", null, () => s.Admin.PostJsonAsync<AdminMemberResponse>("/api/v1/admin/members", new StaffEnrolMemberRequest("Desk", "Member" + u, $"desk{u}@example.com", null, null))));
        },
        ["UpdateMemberCustomerProfile"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("member", member.Id, () => s.Admin.PatchJsonAsync<AdminMemberProfileResponse>(ProfileKit.StaffProfile(member.Id), new UpdateMyProfileRequest(Details: new ProfileDetails(null, null, "en", null))));
        },
        ["CreateHousehold"] = async s =>
        {
            var member = await s.EnrolAsync();
            return new Exercise("household", null, () => s.Admin.PostJsonAsync<HouseholdResponse>("/api/v1/admin/households", new HouseholdRequest(member.Id, [member.Id])));
        },
        ["ReplaceHousehold"] = async s =>
        {
            var (head, other) = (await s.EnrolAsync(), await s.EnrolAsync());
            var household = await s.Admin.PostJsonAsync<HouseholdResponse>("/api/v1/admin/households", new HouseholdRequest(head.Id, [head.Id]));
            return new Exercise("household", household.Id, () => s.Admin.PutJsonAsync<HouseholdResponse>($"/api/v1/admin/households/{household.Id}", new HouseholdRequest(head.Id, [head.Id, other.Id])));
        },
        ["DissolveHousehold"] = async s =>
        {
            var member = await s.EnrolAsync();
            var household = await s.Admin.PostJsonAsync<HouseholdResponse>("/api/v1/admin/households", new HouseholdRequest(member.Id, [member.Id]));
            return new Exercise("household", household.Id, async () =>
            {
                using var response = await s.Admin.DeleteAsync($"/api/v1/admin/households/{household.Id}");
                await response.EnsureStatusAsync(HttpStatusCode.NoContent);
            });
        },
        ["StaffCheckIn"] = async s =>
        {
            var clubEvent = await s.CreateEventAsync(s.NewEvent());
            var member = await s.JoinAsync();
            await member.RegisterOkAsync(clubEvent.Id);
            return new Exercise("member", member.Id, async () =>
            {
                using var response = await s.StaffCheckInAsync(clubEvent.Id, member.Number);
                await response.EnsureStatusAsync(HttpStatusCode.Created);
            });
        },
    };

    [Fact]
    public void Every_admin_write_is_either_checked_for_an_audit_entry_or_exempt_with_a_reason()
    {
        var writes = fixture.For(DatabaseProvider.Sqlite).Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName == "admin")
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(writes.Count >= 30, $"only {writes.Count} admin writes were found");
        Assert.Empty(Exempt.Keys.Intersect(Exercised.Keys));

        var unclassified = writes.Except(Exempt.Keys).Except(Exercised.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(unclassified.Count == 0, "Admin writes neither checked for an audit entry nor exempt (does it change points or membership?): " + string.Join(", ", unclassified));
        var gone = Exempt.Keys.Concat(Exercised.Keys).Except(writes).ToList();
        Assert.True(gone.Count == 0, "Listed here but no longer admin writes: " + string.Join(", ", gone));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_staff_write_that_changes_points_or_membership_leaves_an_audit_entry(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var unaudited = new List<string>();
        foreach (var (operation, arrange) in Exercised)
        {
            var exercise = await arrange(s);
            var before = await CountAsync(s, exercise);
            await exercise.Act();
            if (await CountAsync(s, exercise) <= before)
            {
                unaudited.Add(operation);
            }
        }

        Assert.True(unaudited.Count == 0, "Staff writes that left no audit entry: " + string.Join(", ", unaudited));
    }

    private static async Task<int> CountAsync(Scenario s, Exercise exercise)
    {
        await using var db = s.Api.CreateDbContext();
        var id = exercise.EntityId?.ToString();
        return await db.AuditLog.AsNoTracking().CountAsync(a => a.EntityType == exercise.EntityType && (id == null || a.EntityId == id) && a.Actor == "admin@test");
    }

    private sealed record Exercise(string EntityType, Guid? EntityId, Func<Task> Act);
}
