using System.Globalization;
using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Domain.Financial.Earning;
using Mediator;
using Microsoft.EntityFrameworkCore;
using EarningRuleKind = Loyalty.Domain.Financial.Earning.EarningRuleKind;

namespace Loyalty.Application.Features.Financial.Earning;

/// <summary>
/// Each rule in its current version: active first, then in the order earning evaluates them. The cursor names the
/// version of the last rule seen; versions are kept as they were, so it still marks the place after the rule has changed.
/// </summary>
public sealed record ListEarningRulesQuery(bool? Active, string? Kind, Guid? CampaignId, int? Limit = null, string? Cursor = null) : IQuery<Page<EarningRuleResponse>>;

public sealed class ListEarningRulesValidator : AbstractValidator<ListEarningRulesQuery>
{
    public ListEarningRulesValidator() =>
        RuleFor(q => q.Kind).IsEnumName(typeof(EarningRuleKind), caseSensitive: false).When(q => q.Kind is not null)
            .WithMessage($"kind must be one of: {string.Join(", ", Enum.GetValues<EarningRuleKind>().Select(k => WireValue.Name(k)))}.");
}

public sealed class ListEarningRulesHandler(ILoyaltyDbContext db) : IQueryHandler<ListEarningRulesQuery, Page<EarningRuleResponse>>
{
    public async ValueTask<Page<EarningRuleResponse>> Handle(ListEarningRulesQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(query.Limit);
        var after = await AfterAsync(query.Cursor, cancellationToken);
        var rules = db.EarningRules.AsNoTracking().Where(r => r.SupersededAt == null);
        if (query.Active is { } active)
        {
            rules = rules.Where(r => r.IsActive == active);
        }

        if (query.Kind is not null)
        {
            var kind = Enum.Parse<EarningRuleKind>(query.Kind, ignoreCase: true);
            rules = rules.Where(r => r.Kind == kind);
        }

        if (query.CampaignId is { } campaignId)
        {
            rules = rules.Where(r => r.CampaignId == campaignId);
        }

        // The order depends on each rule's conditions, so it is applied here; a programme has few rules.
        var list = await rules.ToListAsync(cancellationToken);
        var items = list.Where(r => after is null || Order(r, after) > 0).OrderBy(r => r, Comparer<EarningRule>.Create(Order)).Take(limit + 1)
            .Select(EarningRuleRequests.ToResponse).ToList();
        return Paging.ToPage(items, limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.Id:N}.{r.Version}"));
    }

    private static int Order(EarningRule x, EarningRule y) =>
        x.IsActive != y.IsActive ? y.IsActive.CompareTo(x.IsActive) : RuleOrder.Instance.Compare(x, y);

    private async Task<EarningRule?> AfterAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (Paging.Decode(cursor) is not { } key)
        {
            return null;
        }

        var parts = key.Split('.');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
               && await db.EarningRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Version == version, cancellationToken) is { } rule
            ? rule
            : throw AppException.BadRequest(ErrorCodes.InvalidCursor, "The cursor is not one this API issued.");
    }
}
