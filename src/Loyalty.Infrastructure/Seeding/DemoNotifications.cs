using Loyalty.Application.Features.Social.ClubEvents;
using Loyalty.Contracts.Admin;
using Mediator;

namespace Loyalty.Infrastructure.Seeding;

/// <summary>
/// The demo's interest notification: a club event about coffee, created through the real use case, so its fan-out
/// asks for one notification — to Ada Lovelace, who likes coffee and accepts marketing by e-mail, her preferred
/// channel (Alan Turing likes coffee too but accepts no marketing, so he is not told).
/// </summary>
internal static class DemoNotifications
{
    public const string EventTitle = "Coffee cupping evening";

    public static async Task SeedAsync(ISender sender, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var starts = now.AddDays(14);
        await sender.Send(
            new CreateClubEventCommand(
                "demo-seed",
                new ClubEventRequest(
                    EventTitle,
                    "Taste five single-origin coffees with our roaster.",
                    starts,
                    starts.AddHours(2),
                    "Demo Coffee, Main Street",
                    "1 Main Street, Springfield",
                    null,
                    null,
                    null,
                    20,
                    50,
                    null,
                    null,
                    null,
                    null,
                    Interests: ["coffee"])),
            cancellationToken);
    }
}
