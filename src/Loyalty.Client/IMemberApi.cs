using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Refit;

namespace Loyalty.Client;

/// <summary>
/// The member (mobile app) API. The member is whoever the bearer token's subject is; the token is added by
/// <see cref="BearerTokenHandler"/> or, for a caller-supplied <see cref="HttpClient"/>, by Refit's authorization getter.
/// </summary>
/// <remarks>Every method throws <see cref="LoyaltyApiException"/> when the API answers with an error status.</remarks>
[PathPrefix("/api/v1")]
[Headers("Authorization: Bearer")]
public interface IMemberApi
{
    /// <summary>Enrols the token's subject as a member.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request, e.g. the subject is already a member.</exception>
    [Post("/me")]
    Task<MemberProfileResponse> EnrolAsync([Body] SelfEnrolRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's profile.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me")]
    Task<MemberProfileResponse> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's points balance.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points")]
    Task<PointsBalanceResponse> GetPointsBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the signed-in member's available points that will expire, by day, earliest first.</summary>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points/expiring")]
    Task<ExpiringPointsResponse> GetExpiringPointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one page of the signed-in member's points history.</summary>
    /// <param name="limit">Page size; null lets the API choose.</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="LoyaltyApiException">The API rejected the request.</exception>
    [Get("/me/points/history")]
    Task<Page<PointsHistoryEntry>> GetPointsHistoryAsync(
        [Query] int? limit = null,
        [Query] string? cursor = null,
        CancellationToken cancellationToken = default);
}
