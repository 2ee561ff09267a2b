using System.Linq.Expressions;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Domain.Social.Members;
using Loyalty.Domain.Social.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Social.Members;

/// <summary>Turns what a till or a person typed into a member, with a precise error for each way it can go wrong.</summary>
public static class MemberLookup
{
    public const string InvalidNumberMessage = "must be a 12-digit member number";
    public const string CheckDigitMessage = "the check digit does not match: the number was probably mistyped";

    public static string Normalize(string input)
    {
        return MemberNumber.TryParse(input, out var number) switch
        {
            MemberNumberParseResult.Valid => number.Value,
            MemberNumberParseResult.InvalidCheckDigit => throw AppException.BadRequest(ErrorCodes.InvalidMemberNumber, $"Member number: {CheckDigitMessage}."),
            _ => throw AppException.BadRequest(ErrorCodes.InvalidMemberNumber, $"Member number {InvalidNumberMessage}."),
        };
    }

    public static async Task<Member> FindByNumberAsync(ILoyaltyDbContext db, string input, CancellationToken cancellationToken)
    {
        var number = Normalize(input);
        return await db.Members.SingleOrDefaultAsync(m => m.MemberNumber == number, cancellationToken)
            ?? throw UnknownNumber();
    }

    public static async Task<Member> FindBySubjectAsync(ILoyaltyDbContext db, string subject, CancellationToken cancellationToken) =>
        await db.Members.SingleOrDefaultAsync(m => m.ExternalId == subject, cancellationToken) ?? throw NotEnrolled();

    /// <summary>The member with their tier, in one round trip (the till and the app need both on every call).</summary>
    public static async Task<(Member Member, Tier Tier)> FindWithTierByNumberAsync(ILoyaltyDbContext db, string input, CancellationToken cancellationToken)
    {
        var number = Normalize(input);
        return await FindWithTierAsync(db, m => m.MemberNumber == number, cancellationToken)
            ?? throw UnknownNumber();
    }

    public static async Task<(Member Member, Tier Tier)> FindWithTierBySubjectAsync(ILoyaltyDbContext db, string subject, CancellationToken cancellationToken) =>
        await FindWithTierAsync(db, m => m.ExternalId == subject, cancellationToken) ?? throw NotEnrolled();

    public static AppException UnknownNumber() => AppException.NotFound(ErrorCodes.MemberNotFound, "No member has this member number.");

    /// <summary>The app's caller has a token but no membership yet.</summary>
    public static AppException NotEnrolled() =>
        AppException.NotFound(ErrorCodes.MemberNotFound, "You are not enrolled yet: POST /api/v1/me to join the club.");

    private static async Task<(Member Member, Tier Tier)?> FindWithTierAsync(ILoyaltyDbContext db, Expression<Func<Member, bool>> which, CancellationToken cancellationToken)
    {
        var found = await (from m in db.Members.Where(which)
                           join t in db.Tiers on m.TierId equals t.Id
                           select new { Member = m, Tier = t }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Member, found.Tier);
    }

    /// <summary>FluentValidation predicate with the same rules, for member numbers inside request bodies.</summary>
    public static bool IsWellFormed(string? input) => MemberNumber.TryParse(input, out _) != MemberNumberParseResult.InvalidFormat;

    public static bool HasValidCheckDigit(string? input) => MemberNumber.TryParse(input, out _) != MemberNumberParseResult.InvalidCheckDigit;
}
