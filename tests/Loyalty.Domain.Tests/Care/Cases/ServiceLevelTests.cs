using Loyalty.Domain.Care.Cases;
using Loyalty.Domain.Common;

namespace Loyalty.Domain.Tests.Care.Cases;

public sealed class ServiceLevelTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(24, false, 72, 24)]
    [InlineData(24, true, 72, 12)]
    [InlineData(5, true, 72, 3)] // halved, rounded up
    [InlineData(1, true, 72, 1)] // never below an hour
    [InlineData(null, false, 72, 72)] // the tier promises nothing: the programme default
    [InlineData(null, true, 48, 24)]
    [InlineData(0, false, 36, 36)]
    public void The_response_time_comes_from_the_tier_or_the_default_and_priority_halves_it(int? tierHours, bool priority, int defaultHours, int expected) =>
        Assert.Equal(expected, ServiceLevel.ResponseHours(tierHours, priority, defaultHours));

    [Fact]
    public void A_case_is_breached_when_no_first_response_came_in_time_and_escalates_once()
    {
        var due = ServiceLevel.DueAt(Now, 24);
        Assert.Equal(Now.AddHours(24), due);
        Assert.False(ServiceLevel.IsBreached(due, null, due));
        Assert.True(ServiceLevel.IsBreached(due, null, due.AddTicks(1)));
        Assert.False(ServiceLevel.IsBreached(due, due.AddHours(-1), due.AddDays(3)));
        Assert.True(ServiceLevel.IsBreached(due, due.AddMinutes(1), due.AddDays(3)));

        Assert.True(ServiceLevel.ShouldEscalate(CaseStatus.Open, null, due, null, due.AddMinutes(1)));
        Assert.False(ServiceLevel.ShouldEscalate(CaseStatus.Open, due, due, null, due.AddMinutes(1))); // already escalated
        Assert.False(ServiceLevel.ShouldEscalate(CaseStatus.Open, null, due, due.AddHours(-2), due.AddMinutes(1))); // answered in time
        Assert.False(ServiceLevel.ShouldEscalate(CaseStatus.Resolved, null, due, null, due.AddMinutes(1)));
        Assert.False(ServiceLevel.ShouldEscalate(CaseStatus.Open, null, due, null, due));
    }

    [Fact]
    public void A_case_opens_with_its_first_response_due_at_the_service_level_and_moves_step_by_step()
    {
        var (serviceCase, first) = ServiceCase.Open(Guid.NewGuid(), Guid.NewGuid(), CaseCategory.Points, CaseChannel.App, CaseSeverity.High, " Missing points ", "Receipt R-1",
            null, null, null, "care-desk", "member:x", 12, priority: true, Now);
        Assert.Equal((1, Now.AddHours(12), "Missing points"), (first.Number, first.DueAt, serviceCase.Title));
        Assert.Equal(serviceCase.ServiceLevelDueAt, serviceCase.NextStepDueAt);
        Assert.False(serviceCase.IsDue(Now.AddHours(11)));
        Assert.True(serviceCase.IsDue(Now.AddHours(12)));

        Assert.Equal("next_step_due_in_past", Assert.Throws<DomainException>(() => serviceCase.Progress("Call back", Now, "ann", Now)).Code);
        var second = serviceCase.Progress("Check the till log", Now.AddDays(2), "ann", Now.AddHours(1));
        Assert.Equal((2, Now.AddHours(1)), (second.Number, serviceCase.FirstResponseAt));
        serviceCase.Progress("Call back", Now.AddDays(3), "ann", Now.AddHours(2));
        Assert.Equal(Now.AddHours(1), serviceCase.FirstResponseAt); // only the first step is the first response

        Assert.Equal("invalid_goodwill_points", Assert.Throws<DomainException>(() => serviceCase.Resolve(CaseOutcome.Upheld, "ok", -1, Now)).Code);
        serviceCase.Resolve(CaseOutcome.Upheld, " Points credited ", 250, Now.AddDays(1));
        Assert.Equal((CaseStatus.Resolved, "Points credited", 250L), (serviceCase.Status, serviceCase.Resolution, serviceCase.GoodwillPoints));
        Assert.Equal("case_resolved", Assert.Throws<DomainException>(() => serviceCase.Resolve(CaseOutcome.Upheld, "again", 250, Now.AddDays(1))).Code);
        Assert.False(serviceCase.IsDue(Now.AddYears(1)));
    }
}
