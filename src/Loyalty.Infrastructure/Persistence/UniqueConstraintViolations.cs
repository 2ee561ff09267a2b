using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>
/// The last word on uniqueness. Use cases check first to give a friendly answer, but two concurrent requests can
/// both pass the check; then the database's unique index decides, and this turns its refusal into the same 409
/// the check would have given, on every provider.
/// </summary>
public static class UniqueConstraintViolations
{
    private sealed record Rule(string Index, string SqliteColumns, string Code, string Message);

    private static readonly Rule[] Rules =
    [
        new("IX_Members_ExternalId", "Members.ExternalId", "member_already_enrolled", "You are already a member."),
        new("IX_Members_NormalizedEmail", "Members.NormalizedEmail", "email_already_enrolled", "A member with this e-mail address already exists."),
        new("IX_Purchases_PartnerId_ExternalId", "Purchases.PartnerId, Purchases.ExternalId", "duplicate_transaction", "This purchase was already recorded; a receipt earns once."),
        new("IX_PurchaseReturns_PurchaseId_ReturnId", "PurchaseReturns.PurchaseId, PurchaseReturns.ReturnId", "return_already_recorded", "This return of the purchase was already recorded; a return is credited once."),
        new("IX_Partners_Name", "Partners.Name", "partner_name_taken", "A partner with this name already exists."),
        new("IX_Stores_PartnerId_Code", "Stores.PartnerId, Stores.Code", "store_code_taken", "The partner already has a store with this code."),
        new("IX_Tiers_Rank", "Tiers.Rank", "tier_rank_taken", "A tier with this rank already exists."),
        new("IX_Tiers_Name", "Tiers.Name", "tier_name_taken", "A tier with this name already exists."),
        new("IX_TierSchemeVersions_Version", "TierSchemeVersions.Version", "tier_scheme_changed", "Someone else changed the tier scheme meanwhile; reload it and try again."),
        new("PK_EarningRules", "EarningRules.Id, EarningRules.Version", "earning_rule_changed", "The rule was changed by someone else meanwhile; reload it and try again."),
        new("IX_Rewards_Name", "Rewards.Name", "reward_name_taken", "A reward with this name already exists."),
        new("IX_InterestTopics_Code", "InterestTopics.Code", "topic_code_taken", "An interest topic with this code already exists."),
        new("IX_ProfileAttributeDefinitions_Code", "ProfileAttributeDefinitions.Code", "attribute_code_taken", "A profile attribute with this code already exists."),
        new("IX_Households_HeadMemberId", "Households.HeadMemberId", "member_in_household", "This member already heads a household."),
    ];

    /// <summary>
    /// Whether <paramref name="exception"/> (from SaveChanges or a raw statement) is the refusal of the unique index
    /// <paramref name="index"/>, whose columns SQLite names as <paramref name="sqliteColumns"/> ("Table.Column, Table.Column").
    /// </summary>
    public static bool Violates(Exception exception, string index, string sqliteColumns) =>
        (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => pg.ConstraintName == index,
            SqlException { Number: 2601 or 2627 } sql => sql.Message.Contains(index, StringComparison.Ordinal),
            SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("UNIQUE constraint failed: " + sqliteColumns + "'", StringComparison.Ordinal),
            _ => false,
        };

    public static bool TryDescribe(Exception exception, out string code, out string message)
    {
        code = message = "";
        if (exception is not DbUpdateException { InnerException: { } inner })
        {
            return false;
        }

        Rule? rule = inner switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => Rules.FirstOrDefault(r => r.Index == pg.ConstraintName),
            SqlException { Number: 2601 or 2627 } sql => Rules.FirstOrDefault(r => sql.Message.Contains(r.Index, StringComparison.Ordinal)),
            SqliteException { SqliteErrorCode: 19 } sqlite => Rules.FirstOrDefault(r => sqlite.Message.Contains("UNIQUE constraint failed: " + r.SqliteColumns + "'", StringComparison.Ordinal)),
            _ => null,
        };
        if (rule is null)
        {
            return false;
        }

        (code, message) = (rule.Code, rule.Message);
        return true;
    }
}
