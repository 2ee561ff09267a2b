using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Tests.Social.Members;

public sealed class MemberLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Suspend_and_reactivate_move_between_active_and_suspended_and_stamp_the_change()
    {
        var member = Enrol();

        member.Suspend(Now);
        Assert.Equal((MemberStatus.Suspended, Now), (member.Status, member.StatusChangedAt));
        Assert.Equal("member_suspended", Assert.Throws<DomainException>(member.EnsureCanTransact).Code);

        member.Reactivate(Now.AddDays(1));
        Assert.Equal((MemberStatus.Active, Now.AddDays(1)), (member.Status, member.StatusChangedAt));
        member.EnsureCanTransact();
    }

    [Fact]
    public void Suspending_twice_or_reactivating_an_active_member_is_refused()
    {
        var member = Enrol();
        Assert.Equal("member_not_suspended", Assert.Throws<DomainException>(() => member.Reactivate(Now)).Code);
        member.Suspend(Now);
        Assert.Equal("member_already_suspended", Assert.Throws<DomainException>(() => member.Suspend(Now)).Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_active_or_suspended_member_can_close_and_closed_is_final(bool suspendFirst)
    {
        var member = Enrol();
        if (suspendFirst)
        {
            member.Suspend(Now);
        }

        member.Close(Now);

        Assert.Equal(MemberStatus.Closed, member.Status);
        Assert.Equal("member_closed", Assert.Throws<DomainException>(member.EnsureCanTransact).Code);
        Assert.Equal("member_closed", Assert.Throws<DomainException>(() => member.Close(Now)).Code);
        Assert.Equal("member_closed", Assert.Throws<DomainException>(() => member.Suspend(Now)).Code);
        Assert.Equal("member_closed", Assert.Throws<DomainException>(() => member.Reactivate(Now)).Code);
    }

    [Fact]
    public void Absorbing_a_duplicate_marks_it_merged_for_good_and_keeps_the_higher_tier()
    {
        var survivor = Enrol();
        var duplicate = Enrol();

        survivor.Absorb(duplicate, duplicateTierRank: 3, ownTierRank: 1, Now);

        Assert.Equal((MemberStatus.Merged, survivor.Id, Now), (duplicate.Status, duplicate.MergedIntoMemberId, duplicate.StatusChangedAt));
        Assert.Equal(duplicate.TierId, survivor.TierId);
        Assert.Equal(MemberStatus.Active, survivor.Status);
        Assert.Equal("member_merged", Assert.Throws<DomainException>(duplicate.EnsureCanTransact).Code);
        Assert.Equal("member_merged", Assert.Throws<DomainException>(() => duplicate.Close(Now)).Code);
        Assert.Equal("member_merged", Assert.Throws<DomainException>(() => duplicate.Reactivate(Now)).Code);
    }

    [Fact]
    public void The_survivor_keeps_its_own_tier_when_it_ranks_higher()
    {
        var survivor = Enrol();
        var ownTier = survivor.TierId;

        survivor.Absorb(Enrol(), duplicateTierRank: 1, ownTierRank: 2, Now);

        Assert.Equal(ownTier, survivor.TierId);
    }

    [Fact]
    public void The_app_login_moves_only_to_a_survivor_without_one()
    {
        var tillOnly = Enrol();
        var appDuplicate = Enrol("sub-1");
        tillOnly.Absorb(appDuplicate, 1, 1, Now);
        Assert.Equal(("sub-1", (string?)null), (tillOnly.ExternalId, appDuplicate.ExternalId));

        var appSurvivor = Enrol("sub-2");
        var other = Enrol("sub-3");
        appSurvivor.Absorb(other, 1, 1, Now);
        Assert.Equal(("sub-2", "sub-3"), (appSurvivor.ExternalId, other.ExternalId));
    }

    [Fact]
    public void A_merge_into_itself_a_closed_or_merged_member_or_of_one_merged_elsewhere_is_refused()
    {
        var member = Enrol();
        Assert.Equal("merge_into_self", Assert.Throws<DomainException>(() => member.EnsureCanAbsorb(member)).Code);

        var closed = Enrol();
        closed.Close(Now);
        Assert.Equal("survivor_closed", Assert.Throws<DomainException>(() => closed.EnsureCanAbsorb(Enrol())).Code);

        var first = Enrol();
        var duplicate = Enrol();
        first.Absorb(duplicate, 1, 1, Now);
        Assert.Equal("survivor_merged", Assert.Throws<DomainException>(() => duplicate.EnsureCanAbsorb(Enrol())).Code);
        Assert.Equal("member_already_merged", Assert.Throws<DomainException>(() => Enrol().EnsureCanAbsorb(duplicate)).Code);
        first.EnsureCanAbsorb(duplicate); // the same survivor may sweep it again
    }

    [Fact]
    public void A_closed_member_can_be_merged_into_an_open_one_and_a_suspended_survivor_may_absorb()
    {
        var closed = Enrol();
        closed.Close(Now);
        var suspended = Enrol();
        suspended.Suspend(Now);

        suspended.Absorb(closed, 1, 1, Now);

        Assert.Equal(MemberStatus.Merged, closed.Status);
    }

    [Fact]
    public void Erasure_anonymises_personal_data_closes_keeps_the_number_and_happens_once()
    {
        var member = Enrol("sub-9");
        var number = member.MemberNumber;

        Assert.True(member.Erase(Now));

        Assert.Equal((Member.ErasedName, "", (string?)null, (DateOnly?)null, (string?)null), (member.FirstName, member.LastName, member.Phone, member.BirthDate, member.ExternalId));
        Assert.Equal($"erased-{member.Id:N}@erased.invalid", member.Email);
        Assert.Equal(member.Email.ToUpperInvariant(), member.NormalizedEmail);
        Assert.Equal((MemberStatus.Closed, Now, number), (member.Status, member.ErasedAt, member.MemberNumber));
        Assert.False(member.Erase(Now.AddDays(1)));
        Assert.Equal(Now, member.ErasedAt);
    }

    [Fact]
    public void An_erased_member_takes_no_part_in_a_merge_and_a_merged_one_stays_merged_when_erased()
    {
        var erased = Enrol();
        erased.Erase(Now);
        Assert.Equal("member_erased", Assert.Throws<DomainException>(() => Enrol().EnsureCanAbsorb(erased)).Code);

        var survivor = Enrol();
        var duplicate = Enrol();
        survivor.Absorb(duplicate, 1, 1, Now);
        duplicate.Erase(Now);
        Assert.Equal(MemberStatus.Merged, duplicate.Status);
    }

    private static Member Enrol(string? externalId = null) =>
        Member.Enrol(MemberNumber.Generate(), new MemberDetails("Anna", "Kowalski", $"{Guid.NewGuid():N}@example.com", "+48 600 000 000", new DateOnly(1990, 5, 1)), Guid.NewGuid(), EnrolmentChannel.App, Now, externalId);
}
