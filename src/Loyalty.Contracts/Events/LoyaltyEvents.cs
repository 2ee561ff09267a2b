using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Contracts.Events;

/// <summary>Every event type the platform sends, by its wire <c>type</c>, and how to read one.</summary>
public static class LoyaltyEvents
{
    /// <summary>
    /// camelCase names and enum values (the API's wire format, so a shared type such as the breakdown's kind reads the
    /// same in a response and in an event), numbers as numbers, nulls where the record allows them and nowhere else,
    /// required fields present.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = Common.WireFormat.Apply(new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });

    /// <summary>The record for each wire type; a new event type must be added here (a test checks it).</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = new[]
    {
        Entry<PointsEarnedV1>(), Entry<PointsRedeemedV1>(), Entry<PointsReversedV1>(), Entry<PointsExpiringV1>(), Entry<PointsExpiredV1>(),
        Entry<PointsAdjustedV1>(), Entry<PointsTransferredV1>(), Entry<RewardRedeemedV1>(), Entry<VoucherUsedV1>(), Entry<MemberEnrolledV1>(),
        Entry<MemberSuspendedV1>(), Entry<MemberReactivatedV1>(), Entry<MemberClosedV1>(), Entry<MemberMergedV1>(), Entry<MemberErasedV1>(),
        Entry<ReferralRewardedV1>(), Entry<TierChangedV1>(), Entry<ClubEventCheckedInV1>(), Entry<ClubEventWaitlistPromotedV1>(), Entry<ClubEventCancelledV1>(),
        Entry<SegmentEnteredV1>(), Entry<SegmentLeftV1>(),
        Entry<OfferPublishedV1>(), Entry<OfferActivatedV1>(), Entry<OfferRedeemedV1>(),
        Entry<MemberNotificationRequestedV1>(),
        Entry<CaseOpenedV1>(), Entry<CaseFollowUpDueV1>(), Entry<CaseEscalatedV1>(), Entry<CaseResolvedV1>(), Entry<SurveyRequestedV1>(),
    }.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>The wire type of <typeparamref name="TEvent"/>.</summary>
    public static string TypeOf<TEvent>()
        where TEvent : ILoyaltyEvent => TEvent.EventType;

    /// <summary>The event's data as its record, or null when <paramref name="type"/> is not one this SDK knows (a newer event).</summary>
    /// <exception cref="JsonException">The data does not have the shape of the type's record.</exception>
    public static ILoyaltyEvent? Deserialize(string type, JsonElement data) =>
        Types.TryGetValue(type, out var record) ? (ILoyaltyEvent?)data.Deserialize(record, JsonOptions) : null;

    /// <summary>The event as the platform writes it.</summary>
    public static string Serialize<TEvent>(TEvent data)
        where TEvent : class, ILoyaltyEvent => JsonSerializer.Serialize(data, JsonOptions);

    private static KeyValuePair<string, Type> Entry<TEvent>()
        where TEvent : ILoyaltyEvent => new(TEvent.EventType, typeof(TEvent));
}
