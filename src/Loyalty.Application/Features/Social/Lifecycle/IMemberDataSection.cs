namespace Loyalty.Application.Features.Social.Lifecycle;

/// <summary>
/// One feature's share of what the club stores about a member. The data export collects every section and the
/// erasure asks every section to anonymise, so a feature that adds member data registers its own section
/// (<c>services.AddScoped&lt;IMemberDataSection, …&gt;()</c>) instead of teaching the lifecycle code about it.
/// </summary>
public interface IMemberDataSection
{
    /// <summary>The property name of this section in the export document (camelCase, stable).</summary>
    string Name { get; }

    /// <summary>Everything this feature holds about the member, as plain JSON-serialisable data.</summary>
    ValueTask<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes or anonymises personal data (names, contact details, free text) inside the caller's transaction;
    /// keeps what the ledger and reports need (amounts, dates, ids).
    /// </summary>
    ValueTask EraseAsync(Guid memberId, CancellationToken cancellationToken);
}
