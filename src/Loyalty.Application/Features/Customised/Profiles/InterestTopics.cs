using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Profiles;

internal static class InterestTopics
{
    /// <summary>Codes are read by segments, offers and imports: lower case letters, digits, '-' and '_'.</summary>
    public const string CodePattern = "^[a-zA-Z0-9][a-zA-Z0-9_-]*$";

    public static async Task<InterestTopic> FindAsync(ILoyaltyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.InterestTopics.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw AppException.NotFound(ErrorCodes.InterestTopicNotFound, "No interest topic has this id.");

    public static async Task<InterestTopicResponse> ResponseAsync(ILoyaltyDbContext db, InterestTopic t, CancellationToken cancellationToken) =>
        new(t.Id, t.Code, t.Name, t.Active, await db.MemberInterests.CountAsync(i => i.TopicId == t.Id, cancellationToken), t.CreatedAt);
}
