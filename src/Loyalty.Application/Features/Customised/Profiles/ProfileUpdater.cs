using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Contracts;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;
using Wire = Loyalty.Contracts.Common;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>Applies a profile update for the member in the app or for staff; the caller saves.</summary>
public sealed class ProfileUpdater(ILoyaltyDbContext db, ConsentBook consents, TimeProvider clock)
{
    public async Task<IReadOnlyList<ConsentChange>> ApplyAsync(Guid memberId, UpdateMyProfileRequest request, bool staff, ConsentSource source, string? actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.Interests is { } codes)
        {
            await SetInterestsAsync(memberId, codes, now, cancellationToken);
        }

        if (request.Details is { } details)
        {
            await SetDetailsAsync(memberId, details, now, cancellationToken);
        }

        if (request.Attributes is { } attributes)
        {
            await SetAttributesAsync(memberId, attributes, staff, now, cancellationToken);
        }

        return request.Consents is { } changes
            ? await consents.ApplyAsync(memberId, changes.Select(c => (c.Purpose, c.Channel, c.Granted)), source, actor, cancellationToken)
            : [];
    }

    /// <summary>The member's profile row, created on first use.</summary>
    public async Task<MemberProfile> ProfileOfAsync(Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var profile = await db.MemberProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        if (profile is null)
        {
            profile = MemberProfile.Start(memberId, now);
            db.MemberProfiles.Add(profile);
        }

        return profile;
    }

    private async Task SetInterestsAsync(Guid memberId, IReadOnlyList<string> codes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = codes.Select(InterestTopic.NormalizeCode).Distinct(StringComparer.Ordinal).ToList();
        var topics = await db.InterestTopics.Where(t => wanted.Contains(t.Code)).ToListAsync(cancellationToken);
        var current = await db.MemberInterests.Where(i => i.MemberId == memberId).ToListAsync(cancellationToken);
        var unknown = wanted.Except(topics.Select(t => t.Code)).ToList();
        // A retired topic the member already has may stay; it cannot be newly chosen.
        unknown.AddRange(topics.Where(t => !t.Active && current.All(i => i.TopicId != t.Id)).Select(t => t.Code));
        if (unknown.Count > 0)
        {
            throw new DomainException(ErrorCodes.UnknownInterestTopic, $"No active interest topic has the code {string.Join(", ", unknown.Order(StringComparer.Ordinal))}.");
        }

        var ids = topics.Select(t => t.Id).ToHashSet();
        db.MemberInterests.RemoveRange(current.Where(i => !ids.Contains(i.TopicId)));
        foreach (var id in ids.Where(id => current.All(i => i.TopicId != id)))
        {
            db.MemberInterests.Add(MemberInterest.Add(memberId, id, now));
        }
    }

    private async Task SetDetailsAsync(Guid memberId, ProfileDetails details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (details.PreferredStoreId is { } storeId && !await db.Stores.AnyAsync(s => s.Id == storeId && s.IsActive, cancellationToken))
        {
            throw new DomainException(ErrorCodes.UnknownStore, "No open store has this id.");
        }

        var profile = await ProfileOfAsync(memberId, now, cancellationToken);
        profile.SetPreferredStore(details.PreferredStoreId, now);
        profile.SetPreferredChannel(details.PreferredChannel is { } channel ? WireValue.Of<ContactChannel>(channel) : null, now);
        profile.SetLanguage(details.Language, now);
        profile.SetIncomeBand(details.IncomeBand is { } band ? WireValue.Of<IncomeBand>(band) : null, now);
    }

    private async Task SetAttributesAsync(Guid memberId, IReadOnlyDictionary<string, string?> attributes, bool staff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = attributes.Keys.Select(InterestTopic.NormalizeCode).ToList();
        var definitions = await db.ProfileAttributeDefinitions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        var unknown = codes.Where(c => !definitions.TryGetValue(c, out var d) || !d.Active || !(staff || d.MemberEditable)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException(ErrorCodes.UnknownAttribute, $"No attribute you may set has the code {string.Join(", ", unknown.Order(StringComparer.Ordinal))}.");
        }

        var ids = definitions.Values.Select(d => d.Id).ToList();
        var current = await db.MemberAttributeValues.Where(v => v.MemberId == memberId && ids.Contains(v.DefinitionId)).ToDictionaryAsync(v => v.DefinitionId, cancellationToken);
        foreach (var (code, value) in attributes)
        {
            var definition = definitions[InterestTopic.NormalizeCode(code)];
            current.TryGetValue(definition.Id, out var existing);
            if (value is null)
            {
                if (existing is not null)
                {
                    db.MemberAttributeValues.Remove(existing);
                }

                continue;
            }

            var normalized = definition.Normalize(value);
            if (existing is null)
            {
                db.MemberAttributeValues.Add(MemberAttributeValue.Set(memberId, definition.Id, normalized, now));
            }
            else
            {
                existing.Change(normalized, now);
            }
        }
    }
}

/// <summary>The shape rules of a profile update, the same for the member and for staff.</summary>
public sealed class UpdateMyProfileRequestValidator : AbstractValidator<UpdateMyProfileRequest>
{
    public const string LanguagePattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$";

    public UpdateMyProfileRequestValidator()
    {
        RuleFor(r => r.Interests).Must(i => i!.Count <= 50).WithMessage("At most 50 interests.").When(r => r.Interests is not null);
        RuleForEach(r => r.Interests).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Details!.Language).MaximumLength(35).Matches(LanguagePattern).WithMessage("language must be a BCP 47 tag such as en or nl-BE.")
            .When(r => r.Details?.Language is not null).OverridePropertyName("details.language");
        RuleFor(r => r.Details!.PreferredChannel).NotEqual(Wire.ContactChannel.None).WithMessage("preferredChannel is email, push or sms (or null for no preference).")
            .When(r => r.Details is not null).OverridePropertyName("details.preferredChannel");
        RuleFor(r => r.Attributes).Must(a => a!.Count <= 50).WithMessage("At most 50 attributes at once.").When(r => r.Attributes is not null);
        RuleForEach(r => r.Attributes).Must(a => a.Key.Length is > 0 and <= 50).WithMessage("An attribute code has 1 to 50 characters.")
            .Must(a => a.Value is null || a.Value.Length <= MemberAttributeValue.MaxLength).WithMessage($"An attribute value has at most {MemberAttributeValue.MaxLength} characters.");
        RuleFor(r => r.Consents).SetValidator(new ConsentListValidator<ConsentUpdate>(c => (c.Purpose, c.Channel))!).When(r => r.Consents is not null);
    }
}

/// <summary>Consent changes in a request: at most one per pair, each pair valid (marketing per channel, the others with none).</summary>
public sealed class ConsentListValidator<T> : AbstractValidator<IReadOnlyList<T>>
{
    public ConsentListValidator(Func<T, (Wire.ConsentPurpose Purpose, Wire.ContactChannel Channel)> pair)
    {
        RuleFor(l => l).Must(l => l.Count <= ConsentRules.All.Count).WithMessage($"At most {ConsentRules.All.Count} consent changes at once.")
            .Must(l => l.Select(pair).Distinct().Count() == l.Count).WithMessage("Each purpose and channel appears once.")
            .OverridePropertyName("consents");
        RuleForEach(l => l).Must(c => c is not null && ConsentRules.IsValidPair(WireValue.Of<ConsentPurpose>(pair(c).Purpose), WireValue.Of<ContactChannel>(pair(c).Channel)))
            .WithMessage("Marketing consent is given per channel (email, push, sms); profiling and partnerSharing use channel none.")
            .OverridePropertyName("consents");
    }
}
