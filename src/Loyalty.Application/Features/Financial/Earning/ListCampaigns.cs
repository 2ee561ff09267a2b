using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;
using CampaignStatus = Loyalty.Domain.Financial.Earning.CampaignStatus;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>Campaigns by start, newest first (then by id); <c>status</c> filters on Scheduled, Running or Ended (now).</summary>
public sealed record ListCampaignsQuery(string? Status, int? Limit = null, string? Cursor = null) : IQuery<Page<CampaignResponse>>;

public sealed class ListCampaignsValidator : AbstractValidator<ListCampaignsQuery>
{
    public ListCampaignsValidator() =>
        RuleFor(q => q.Status).IsEnumName(typeof(CampaignStatus), caseSensitive: false).When(q => q.Status is not null)
            .WithMessage($"status must be one of: {string.Join(", ", Enum.GetValues<CampaignStatus>().Select(s => WireValue.Name(s)))}.");
}

public sealed class ListCampaignsHandler(ILoyaltyDbContext db, TimeProvider clock) : IQueryHandler<ListCampaignsQuery, Page<CampaignResponse>>
{
    public async ValueTask<Page<CampaignResponse>> Handle(ListCampaignsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.DecodeTime(query.Cursor);
        var now = clock.GetUtcNow();
        var campaigns = db.Campaigns.AsNoTracking();
        if (query.Status is not null)
        {
            campaigns = Enum.Parse<CampaignStatus>(query.Status, ignoreCase: true) switch
            {
                CampaignStatus.Scheduled => campaigns.Where(c => c.From > now),
                CampaignStatus.Running => campaigns.Where(c => c.From <= now && (c.Until == null || c.Until > now)),
                _ => campaigns.Where(c => c.Until != null && c.Until <= now),
            };
        }

        if (after is var (from, id))
        {
            campaigns = campaigns.Where(c => c.From < from || (c.From == from && c.Id.CompareTo(id) < 0));
        }

        var rows = await campaigns.OrderByDescending(c => c.From).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.ToPage(rows.ConvertAll(c => CampaignRequests.ToResponse(c, now)), limit, c => Paging.TimeKey(c.From, c.Id));
    }
}
