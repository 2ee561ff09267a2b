using Loyalty.Contracts.Admin;

namespace Loyalty.Application.Features.Customised.AccountManagers;

/// <summary>
/// The read model service work asks before it queues a member: priority comes from a flag on the member or a flag
/// on their current tier (the tier's promised response time comes with it).
/// </summary>
public interface IPriorityService
{
    ValueTask<bool> IsPriorityAsync(Guid memberId, CancellationToken cancellationToken);

    /// <summary>The full answer with its source; null when no member has this id.</summary>
    ValueTask<PriorityServiceResponse?> GetAsync(Guid memberId, CancellationToken cancellationToken);
}
