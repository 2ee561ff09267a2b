using FluentValidation;
using FluentValidation.Results;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Segments;
using Microsoft.EntityFrameworkCore;
using DomainChannel = Loyalty.Domain.Customised.Profiles.ContactChannel;
using DomainKind = Loyalty.Domain.Customised.Segments.SegmentRuleKind;
using DomainPurpose = Loyalty.Domain.Customised.Profiles.ConsentPurpose;
using WireChannel = Loyalty.Contracts.Common.ContactChannel;
using WireKind = Loyalty.Contracts.Admin.SegmentRuleKind;
using WirePurpose = Loyalty.Contracts.Common.ConsentPurpose;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>
/// Who matches a segment definition, and the set-based refresh that materialises it (Infrastructure compiles the rule
/// tree to SQL). Every query runs on the caller's context, so inside its transaction.
/// </summary>
public interface ISegmentMembership
{
    /// <summary>The ids of the active members the definition selects at <paramref name="now"/>, as a query to compose (count, sample, join).</summary>
    IQueryable<Guid> Matching(SegmentRule definition, DateTimeOffset now);

    /// <summary>
    /// Brings the segment's members in line with its definition at <paramref name="now"/>: inserts those who entered,
    /// deletes those who left, appends their history and one segment.entered/segment.left outbox message each, and
    /// stores the count. A few statements whatever the segment's size; call inside a transaction.
    /// </summary>
    Task<SegmentRefreshCounts> RefreshAsync(Segment segment, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record SegmentRefreshCounts(int Entered, int Left, int Members);

/// <summary>
/// A score that segment rules may test (value, class, churn risk, ...), contributed by the work that keeps it: register
/// one per score (Infrastructure's <c>AddSegmentScore</c>) and rules of kind score may name it. None exist yet.
/// </summary>
public interface ISegmentScore
{
    string Name { get; }
}

/// <summary>Mapping between the wire's rule tree and the domain's, and the checks shared by create, update and preview.</summary>
public static class SegmentDefinitions
{
    public const int SampleSize = 10;

    public static SegmentRule ToDomain(SegmentRuleDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new SegmentRule
        {
            Kind = Enum.TryParse<DomainKind>(dto.Kind.ToString(), out var kind) ? kind : (DomainKind)(-1),
            Rules = dto.Rules?.Select(r => r is null ? null! : ToDomain(r)).ToList(),
            TierIds = dto.TierIds,
            StoreIds = dto.StoreIds,
            PartnerIds = dto.PartnerIds,
            Cities = dto.Cities,
            Min = dto.Min,
            Max = dto.Max,
            WindowDays = dto.WindowDays,
            Currency = dto.Currency,
            Topics = dto.Topics,
            Purpose = dto.Purpose is { } purpose ? Enum.Parse<DomainPurpose>(purpose.ToString()) : null,
            Channel = dto.Channel is { } channel ? Enum.Parse<DomainChannel>(channel.ToString()) : null,
            IsHead = dto.IsHead,
            Score = dto.Score,
            Values = dto.Values,
        };
    }

    public static SegmentRuleDto ToWire(SegmentRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new SegmentRuleDto(
            WireValue.Of<WireKind>(rule.Kind),
            rule.Rules?.Select(ToWire).ToList(),
            rule.TierIds,
            rule.StoreIds,
            rule.PartnerIds,
            rule.Cities,
            rule.Min,
            rule.Max,
            rule.WindowDays,
            rule.Currency,
            rule.Topics,
            rule.Purpose is { } purpose ? WireValue.Of<WirePurpose>(purpose) : null,
            rule.Channel is { } channel ? WireValue.Of<WireChannel>(channel) : null,
            rule.IsHead,
            rule.Score,
            rule.Values);
    }

    public static SegmentResponse ToResponse(Segment s) =>
        new(s.Id, s.Name, s.Description, ToWire(s.Definition), s.MemberCount, s.LastRefreshedAt, s.CreatedAt, s.UpdatedAt, s.ArchivedAt);

    /// <summary>A segment's name, description and the shape of its definition, as failures named by the request's fields.</summary>
    public static IEnumerable<ValidationFailure> RequestProblems(SegmentRequest? request, IEnumerable<ISegmentScore> scores)
    {
        if (request is null)
        {
            return [new ValidationFailure("body", "A segment is required.")];
        }

        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > Segment.NameMaxLength)
        {
            failures.Add(new ValidationFailure("name", $"A name of 1 to {Segment.NameMaxLength} characters."));
        }

        if (request.Description?.Length > Segment.DescriptionMaxLength)
        {
            failures.Add(new ValidationFailure("description", $"At most {Segment.DescriptionMaxLength} characters."));
        }

        failures.AddRange(ShapeProblems(request.Definition, "definition", scores));
        return failures;
    }

    /// <summary>The definition's shape, as FluentValidation failures under <paramref name="path"/>.</summary>
    public static IEnumerable<ValidationFailure> ShapeProblems(SegmentRuleDto? dto, string path, IEnumerable<ISegmentScore> scores)
    {
        if (dto is null)
        {
            return [new ValidationFailure(path, "A definition is required.")];
        }

        var known = scores.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return ToDomain(dto).Validate(path, known).Select(p => new ValidationFailure(p.Field, p.Message));
    }

    /// <summary>Every tier, store, partner and interest topic the definition names exists; otherwise a 400 naming each field.</summary>
    public static async Task EnsureReferencesExistAsync(ILoyaltyDbContext db, SegmentRule definition, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var failures = new List<ValidationFailure>();
        await CheckAsync(db, definition, path, failures, cancellationToken);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    private static async Task CheckAsync(ILoyaltyDbContext db, SegmentRule rule, string path, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        async Task Ids(IReadOnlyList<Guid>? ids, string field, Func<List<Guid>, Task<List<Guid>>> existing)
        {
            if (ids is null)
            {
                return;
            }

            var found = (await existing([.. ids.Distinct()])).ToHashSet();
            for (var i = 0; i < ids.Count; i++)
            {
                if (!found.Contains(ids[i]))
                {
                    failures.Add(new ValidationFailure($"{path}.{field}[{i}]", $"No {field[..^3]} has this id."));
                }
            }
        }

        await Ids(rule.TierIds, "tierIds", ids => db.Tiers.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken));
        await Ids(rule.StoreIds, "storeIds", ids => db.Stores.Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken));
        await Ids(rule.PartnerIds, "partnerIds", ids => db.Partners.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
        if (rule.Topics is { } topics)
        {
            var codes = topics.Distinct().ToList();
            var found = (await db.InterestTopics.Where(t => codes.Contains(t.Code)).Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < topics.Count; i++)
            {
                if (!found.Contains(topics[i]))
                {
                    failures.Add(new ValidationFailure($"{path}.topics[{i}]", "No interest topic has this code."));
                }
            }
        }

        for (var i = 0; i < (rule.Rules?.Count ?? 0); i++)
        {
            await CheckAsync(db, rule.Rules![i], $"{path}.rules[{i}]", failures, cancellationToken);
        }
    }

    public static async Task<Segment> FindAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Segments.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw AppException.NotFound(ErrorCodes.SegmentNotFound, "No segment has this id.");
}
