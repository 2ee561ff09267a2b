using System.Text.RegularExpressions;
using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Customised.Profiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

/// <summary>
/// A partner sets its own attributes of a member (keys given are set, a null value removes one). Every read and write
/// is filtered by the caller's partner id, so one partner never reads or changes another's namespace.
/// </summary>
public sealed record SetPartnerAttributesCommand(Guid PartnerId, string MemberNumber, SetPartnerAttributesRequest Request) : ICommand<PartnerAttributesResponse>, ITransactionalCommand;

public sealed partial class SetPartnerAttributesValidator : AbstractValidator<SetPartnerAttributesCommand>
{
    public SetPartnerAttributesValidator()
    {
        RuleFor(c => c.Request.Attributes).NotNull().Must(a => a.Count is > 0 and <= 50).WithMessage("Give 1 to 50 attributes.");
        RuleForEach(c => c.Request.Attributes)
            .Must(a => KeyPattern().IsMatch(a.Key)).WithMessage($"A key has 1 to {PartnerMemberAttribute.MaxKeyLength} characters: lower case letters, digits, '_', '-' and '.'.")
            .Must(a => a.Value is null || (a.Value.Trim().Length > 0 && a.Value.Length <= PartnerMemberAttribute.MaxValueLength))
            .WithMessage($"A value has 1 to {PartnerMemberAttribute.MaxValueLength} characters (null removes the key).")
            .OverridePropertyName("attributes");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$")]
    private static partial Regex KeyPattern();
}

public sealed class SetPartnerAttributesHandler(ILoyaltyDbContext db, TimeProvider clock) : ICommandHandler<SetPartnerAttributesCommand, PartnerAttributesResponse>
{
    public async ValueTask<PartnerAttributesResponse> Handle(SetPartnerAttributesCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindByNumberAsync(db, command.MemberNumber, cancellationToken);
        member.EnsureCanTransact();
        var now = clock.GetUtcNow();
        var keys = command.Request.Attributes.Keys.ToList();
        var current = await db.PartnerMemberAttributes
            .Where(a => a.PartnerId == command.PartnerId && a.MemberId == member.Id && keys.Contains(a.Key))
            .ToDictionaryAsync(a => a.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var (key, value) in command.Request.Attributes)
        {
            current.TryGetValue(key, out var existing);
            if (value is null)
            {
                if (existing is not null)
                {
                    db.PartnerMemberAttributes.Remove(existing);
                }
            }
            else if (existing is null)
            {
                db.PartnerMemberAttributes.Add(PartnerMemberAttribute.Set(command.PartnerId, member.Id, key, value, now));
            }
            else
            {
                existing.Change(value, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await PartnerAttributeReads.ReadAsync(db, command.PartnerId, member.Id, member.MemberNumber, cancellationToken);
    }
}

/// <summary>This partner's attributes of a member, by key; another partner's are never part of the answer.</summary>
public sealed record GetPartnerAttributesQuery(Guid PartnerId, string MemberNumber) : IQuery<PartnerAttributesResponse>;

public sealed class GetPartnerAttributesHandler(ILoyaltyDbContext db) : IQueryHandler<GetPartnerAttributesQuery, PartnerAttributesResponse>
{
    public async ValueTask<PartnerAttributesResponse> Handle(GetPartnerAttributesQuery query, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindByNumberAsync(db, query.MemberNumber, cancellationToken);
        return await PartnerAttributeReads.ReadAsync(db, query.PartnerId, member.Id, member.MemberNumber, cancellationToken);
    }
}

internal static class PartnerAttributeReads
{
    public static async Task<PartnerAttributesResponse> ReadAsync(ILoyaltyDbContext db, Guid partnerId, Guid memberId, string memberNumber, CancellationToken cancellationToken) =>
        new(memberNumber, await db.PartnerMemberAttributes.AsNoTracking()
            .Where(a => a.PartnerId == partnerId && a.MemberId == memberId)
            .OrderBy(a => a.Key)
            .Select(a => new PartnerAttribute(a.Key, a.Value, a.UpdatedAt))
            .ToListAsync(cancellationToken));
}
