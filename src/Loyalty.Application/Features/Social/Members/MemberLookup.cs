using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Domain.Social.Members;
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
            MemberNumberParseResult.InvalidCheckDigit => throw AppException.BadRequest("invalid_member_number", $"Member number: {CheckDigitMessage}."),
            _ => throw AppException.BadRequest("invalid_member_number", $"Member number {InvalidNumberMessage}."),
        };
    }

    public static async Task<Member> FindByNumberAsync(ILoyaltyDbContext db, string input, CancellationToken cancellationToken)
    {
        var number = Normalize(input);
        return await db.Members.SingleOrDefaultAsync(m => m.MemberNumber == number, cancellationToken)
            ?? throw AppException.NotFound("member_not_found", "No member has this member number.");
    }

    public static async Task<Member> FindBySubjectAsync(ILoyaltyDbContext db, string subject, CancellationToken cancellationToken) =>
        await db.Members.SingleOrDefaultAsync(m => m.ExternalId == subject, cancellationToken)
            ?? throw AppException.NotFound("member_not_found", "You are not enrolled yet: POST /api/v1/me to join the club.");

    /// <summary>FluentValidation predicate with the same rules, for member numbers inside request bodies.</summary>
    public static bool IsWellFormed(string? input) => MemberNumber.TryParse(input, out _) != MemberNumberParseResult.InvalidFormat;

    public static bool HasValidCheckDigit(string? input) => MemberNumber.TryParse(input, out _) != MemberNumberParseResult.InvalidCheckDigit;
}
