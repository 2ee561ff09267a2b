namespace Loyalty.Application.Features.Social.ClubEvents;

internal static class ClubEventLimits
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 4000;
    public const int VenueNameLength = 200;
    public const int AddressLength = 500;
    public const int UrlLength = 2000;
    public const int ReasonLength = 500;
}
