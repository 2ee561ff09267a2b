using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.AccountManagers;

namespace Loyalty.Domain.Tests.Customised.AccountManagers;

public sealed class KeyAccountRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static KeyAccountDetails Details(KeyAccountKind kind = KeyAccountKind.Business, string? company = "Acme", int contacts = 1) => new(
        kind, company, [.. Enumerable.Range(0, contacts).Select(i => new KeyAccountContact($" Contact {i} ", " ", null, null))], " needs ", null, new AgreedTerms("Same day", null, " 30 days "), Now.AddDays(30));

    [Fact]
    public void A_file_is_stored_trimmed_with_blank_text_as_none()
    {
        var file = KeyAccountFile.Open(Guid.NewGuid(), Details(), Now);

        Assert.Equal(("Contact 0", null, "needs", "30 days"), (file.Contacts[0].Name, file.Contacts[0].Role, file.Needs, file.PaymentTerms));
        Assert.Equal(Now.AddDays(30), file.NextReviewAt);
    }

    [Fact]
    public void A_business_account_names_its_company_and_lists_a_bounded_number_of_contacts()
    {
        Assert.Equal("company_required", Assert.Throws<DomainException>(() => KeyAccountFile.Open(Guid.NewGuid(), Details(company: " "), Now)).Code);
        Assert.Null(KeyAccountFile.Open(Guid.NewGuid(), Details(KeyAccountKind.Top, company: null), Now).Company);
        Assert.Equal("too_many_contacts", Assert.Throws<DomainException>(() => KeyAccountFile.Open(Guid.NewGuid(), Details(contacts: KeyAccountFile.MaxContacts + 1), Now)).Code);
    }

    [Fact]
    public void An_interaction_is_logged_after_it_happened_with_a_next_step_and_its_date_together()
    {
        var memberId = Guid.NewGuid();
        Assert.Equal("interaction_in_future", Assert.Throws<DomainException>(() =>
            KeyAccountInteraction.Record(memberId, InteractionKind.Call, Now.AddMinutes(1), "x", null, null, null, "m", Now)).Code);
        Assert.Equal("next_step_incomplete", Assert.Throws<DomainException>(() =>
            KeyAccountInteraction.Record(memberId, InteractionKind.Call, Now, "x", null, "Call back", null, "m", Now)).Code);
        Assert.Equal("next_step_incomplete", Assert.Throws<DomainException>(() =>
            KeyAccountInteraction.Record(memberId, InteractionKind.Call, Now, "x", null, " ", Now.AddDays(1), "m", Now)).Code);
    }

    [Fact]
    public void A_next_step_is_open_until_completed_once()
    {
        var call = KeyAccountInteraction.Record(Guid.NewGuid(), InteractionKind.Meeting, Now, " Met ", " Fine ", " Send terms ", Now.AddDays(2), "m", Now);
        Assert.True(call.HasOpenNextStep);
        Assert.Equal(("Met", "Fine", "Send terms"), (call.Summary, call.Outcome, call.NextStep));

        call.CompleteNextStep(Now.AddDays(1));
        call.CompleteNextStep(Now.AddDays(5));

        Assert.False(call.HasOpenNextStep);
        Assert.Equal(Now.AddDays(1), call.NextStepDoneAt);
        var plain = KeyAccountInteraction.Record(Guid.NewGuid(), InteractionKind.Email, Now, "Sent", null, null, null, "m", Now);
        Assert.Equal("no_next_step", Assert.Throws<DomainException>(() => plain.CompleteNextStep(Now)).Code);
    }
}
