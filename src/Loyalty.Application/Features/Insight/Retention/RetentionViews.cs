using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Insight.Retention;

namespace Loyalty.Application.Features.Insight.Retention;

public static class RetentionViews
{
    public static RetentionActionResponse ToResponse(this RetentionAction a) => new(
        a.Id, a.MemberId, WireValue.Of<Contracts.Admin.RetentionActionKind>(a.Kind), a.Note, a.Points, a.LedgerEntryId, a.OfferId, a.ChurnScore, a.ValueDecile,
        a.FollowUpDays, a.TakenAt, a.TakenBy, WireValue.Of<Contracts.Admin.RetentionOutcome>(a.Outcome), a.ReturnedAt);
}
