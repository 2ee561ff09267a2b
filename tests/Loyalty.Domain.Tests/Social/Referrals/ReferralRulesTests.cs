using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Referrals;

namespace Loyalty.Domain.Tests.Social.Referrals;

public sealed class ReferralRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("anna@example.com", "ANNA@example.com")]
    [InlineData("anna@example.com", "anna+club2@example.com")]
    [InlineData("anna.kowalski@gmail.com", "annakowalski+x@googlemail.com")]
    public void The_same_mailbox_written_another_way_is_the_same_person(string a, string b) =>
        Assert.True(ReferralIdentity.SamePerson(a, null, b, null));

    [Fact]
    public void Dots_matter_outside_gmail_and_different_mailboxes_are_different_people()
    {
        Assert.False(ReferralIdentity.SamePerson("anna.k@example.com", null, "annak@example.com", null));
        Assert.False(ReferralIdentity.SamePerson("anna@example.com", null, "bob@example.com", null));
    }

    [Theory]
    [InlineData("+44 7700 900123", "07700 900123", true)]
    [InlineData("0044 (7700) 900-123", "+447700900123", true)]
    [InlineData("+44 7700 900123", "+44 7700 900124", false)]
    [InlineData("12345", "12345", false)] // too short to compare safely
    public void Phones_compare_by_their_last_nine_digits(string a, string b, bool same) =>
        Assert.Equal(same, ReferralIdentity.SamePerson("a@example.com", a, "b@example.com", b));

    [Fact]
    public void Keys_are_one_way_and_follow_the_canonical_form()
    {
        Assert.Equal(ReferralIdentity.EmailKey("Anna+x@Example.com"), ReferralIdentity.EmailKey("anna@example.com"));
        Assert.DoesNotContain("anna", ReferralIdentity.EmailKey("anna@example.com"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, ReferralIdentity.EmailKey("anna@example.com").Length);
        Assert.Null(ReferralIdentity.PhoneKey(null));
        Assert.Equal(ReferralIdentity.PhoneKey("+44 7700 900123"), ReferralIdentity.PhoneKey("07700900123"));
    }

    [Fact]
    public void Screening_rejects_self_referral_repeat_referees_and_loops_in_that_order()
    {
        var referrer = NewMember("anna@example.com", "+44 7700 900123");
        var grandReferrer = NewMember("carl@example.com", null);

        Assert.Equal(ReferralReasons.SelfReferral, Referral.ScreenAtEnrolment(NewMember("anna+2@example.com", null), referrer, null, false));
        Assert.Equal(ReferralReasons.SelfReferral, Referral.ScreenAtEnrolment(NewMember("other@example.com", "07700 900123"), referrer, null, true));
        Assert.Equal(ReferralReasons.AlreadyReferred, Referral.ScreenAtEnrolment(NewMember("bob@example.com", null), referrer, grandReferrer, true));
        Assert.Equal(ReferralReasons.ReferralLoop, Referral.ScreenAtEnrolment(NewMember("carl+back@example.com", null), referrer, grandReferrer, false));
        Assert.Null(Referral.ScreenAtEnrolment(NewMember("bob@example.com", "+1 555 0100 999"), referrer, grandReferrer, false));
    }

    [Fact]
    public void A_referral_starts_pending_or_rejected_and_never_for_oneself()
    {
        var referrer = NewMember("anna@example.com", null);
        var referee = NewMember("bob@example.com", "+44 7700 900123");
        var code = ReferralCode.Generate();

        var pending = Referral.Start(referrer.Id, referee, code, Now);
        var rejected = Referral.Start(referrer.Id, referee, code, Now, ReferralReasons.AlreadyReferred);

        Assert.Equal((ReferralStatus.Pending, (string?)null, (DateTimeOffset?)null), (pending.Status, pending.Reason, pending.DecidedAt));
        Assert.Equal((ReferralStatus.Rejected, ReferralReasons.AlreadyReferred, (DateTimeOffset?)Now), (rejected.Status, rejected.Reason, rejected.DecidedAt));
        Assert.Equal(ReferralIdentity.EmailKey("bob@example.com"), pending.RefereeEmailKey);
        Assert.Equal(ReferralReasons.SelfReferral, Assert.Throws<DomainException>(() => Referral.Start(referee.Id, referee, code, Now)).Code);

        pending.ForgetRefereeKeys();
        Assert.Null(pending.RefereeEmailKey);
        Assert.Null(pending.RefereePhoneKey);
    }

    [Fact]
    public void A_purchase_qualifies_when_the_programme_is_on_and_it_is_big_enough_in_the_currency_within_the_window()
    {
        var p = Programme(enabled: true, minimum: 20m, windowDays: 30);
        var enrolled = Now.AddDays(-10);

        Assert.True(p.Qualifies(20m, "eur", enrolled, Now));
        Assert.False(p.Qualifies(19.99m, "EUR", enrolled, Now));
        Assert.False(p.Qualifies(500m, "USD", enrolled, Now));
        Assert.True(p.Qualifies(20m, "EUR", enrolled, enrolled.AddDays(30)));
        Assert.False(p.Qualifies(20m, "EUR", enrolled, enrolled.AddDays(30).AddTicks(10)));
        Assert.False(Programme(enabled: false, minimum: 20m, windowDays: 30).Qualifies(100m, "EUR", enrolled, Now));
    }

    [Fact]
    public void Both_are_rewarded_below_the_caps_and_neither_at_a_cap()
    {
        var p = Programme(enabled: true, referrerPoints: 300, refereePoints: 200, perMonth: 2, perYear: 3);

        Assert.Equal(new ReferralDecision(ReferralStatus.Rewarded, 300, 200, null), p.Decide(referrerActive: true, 1, 2));
        Assert.Equal(new ReferralDecision(ReferralStatus.Rejected, 0, 0, ReferralReasons.CapReached), p.Decide(referrerActive: true, 2, 2));
        Assert.Equal(new ReferralDecision(ReferralStatus.Rejected, 0, 0, ReferralReasons.CapReached), p.Decide(referrerActive: true, 0, 3));
    }

    [Fact]
    public void An_inactive_referrer_forfeits_their_share_and_the_referee_keeps_theirs_whatever_the_caps()
    {
        var p = Programme(enabled: true, referrerPoints: 300, refereePoints: 200, perMonth: 1, perYear: 1);

        Assert.Equal(new ReferralDecision(ReferralStatus.Rewarded, 0, 200, ReferralReasons.ReferrerInactive), p.Decide(referrerActive: false, 5, 5));
    }

    [Fact]
    public void What_remains_is_the_smaller_of_the_month_and_the_year_and_never_negative()
    {
        var p = Programme(enabled: true, perMonth: 5, perYear: 6);

        Assert.Equal((5, 6), p.Remaining(0, 0));
        Assert.Equal((2, 2), p.Remaining(1, 4));
        Assert.Equal((0, 0), p.Remaining(7, 9));
    }

    [Fact]
    public void Periods_are_calendar_months_and_years_in_utc()
    {
        var late = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5)); // 1 January 04:30 UTC

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), ReferralProgramme.MonthStart(late));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), ReferralProgramme.YearStart(late));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), ReferralProgramme.MonthStart(Now));
    }

    [Theory]
    [InlineData(-1, 100, 0, "EUR", 5, 10, 30)]
    [InlineData(100, 1_000_001, 0, "EUR", 5, 10, 30)]
    [InlineData(100, 100, -1, "EUR", 5, 10, 30)]
    [InlineData(100, 100, 0, "EURO", 5, 10, 30)]
    [InlineData(100, 100, 0, "EUR", 0, 10, 30)]
    [InlineData(100, 100, 0, "EUR", 5, 4, 30)]
    [InlineData(100, 100, 0, "EUR", 5, 10, 0)]
    [InlineData(100, 100, 0, "EUR", 5, 10, 366)]
    public void Settings_out_of_range_are_refused(long referrer, long referee, decimal minimum, string currency, int perMonth, int perYear, int window)
    {
        var p = ReferralProgramme.Default(Now);
        var values = new ReferralProgrammeValues(true, referrer, referee, minimum, currency, perMonth, perYear, window);

        Assert.Equal("invalid_referral_programme", Assert.Throws<DomainException>(() => p.Change(values, Now)).Code);
        Assert.False(p.Enabled);
    }

    [Fact]
    public void The_programme_is_off_until_marketing_turns_it_on()
    {
        var p = ReferralProgramme.Default(Now);
        Assert.False(p.Enabled);

        p.Change(new ReferralProgrammeValues(true, 100, 50, 0m, "GBP", 1, 1, 1), Now.AddDays(1));

        Assert.Equal((true, "GBP", Now.AddDays(1)), (p.Enabled, p.Currency, p.UpdatedAt));
    }

    private static ReferralProgramme Programme(bool enabled, long referrerPoints = 500, long refereePoints = 500, decimal minimum = 10m, int perMonth = 5, int perYear = 20, int windowDays = 30)
    {
        var p = ReferralProgramme.Default(Now);
        p.Change(new ReferralProgrammeValues(enabled, referrerPoints, refereePoints, minimum, "EUR", perMonth, perYear, windowDays), Now);
        return p;
    }

    private static Member NewMember(string email, string? phone) =>
        Member.Enrol(MemberNumber.Generate(), new MemberDetails("Test", "Person", email, phone, null), Guid.NewGuid(), EnrolmentChannel.App, Now);
}
