using Loyalty.Domain.Customised.Recommendations;

namespace Loyalty.Domain.Tests.Customised.Recommendations;

public sealed class NextBestOfferTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_monthly_habit_is_recommended_first_with_a_reason_that_names_the_real_purchases()
    {
        var purchases = Monthly("coffee beans", times: 4, lastDaysAgo: 10).Concat([Bought("tea", daysAgo: 200)]).ToList();
        var beans = Candidate("Free bag of beans", "coffee beans");
        var teaCup = Candidate("Tea cup", "tea");

        var picks = NextBestOffer.For(CategoryHabit.From(purchases), CoPurchaseTable.Empty, [teaCup, beans], Now);

        var first = picks[0];
        Assert.Equal(beans, first.Candidate);
        Assert.Equal(RecommendationReasonKind.Habit, first.Reason.Kind);
        var last = purchases.Where(p => p.Category == "coffee beans").Max(p => p.At);
        Assert.Equal(("coffee beans", 4, last, 30.0), (first.Reason.BasedOnCategory, first.Reason.Purchases!.Value, first.Reason.LastPurchasedAt!.Value, first.Reason.IntervalDays!.Value));
        Assert.Equal($"Because you buy coffee beans every month (4 purchases, the last on {last:d MMM yyyy})", first.Reason.Text);
        Assert.Equal(teaCup, picks[1].Candidate);
        Assert.Equal("Because you bought tea on " + Now.AddDays(-200).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), picks[1].Reason.Text);
    }

    [Fact]
    public void A_category_bought_with_the_members_habit_is_recommended_because_of_it()
    {
        // 10 baskets with coffee, 8 of them with milk; milk in 8 of 20 baskets overall: lift 2.
        var baskets = Enumerable.Repeat<IReadOnlyCollection<string>>(["coffee", "milk"], 8)
            .Concat(Enumerable.Repeat<IReadOnlyCollection<string>>(["coffee"], 2))
            .Concat(Enumerable.Repeat<IReadOnlyCollection<string>>(["bread"], 10));
        var table = CoPurchaseTable.Learn(baskets, minBaskets: 3);
        var milk = Candidate("Milk frother", "milk");

        var pick = Assert.Single(NextBestOffer.For(CategoryHabit.From(Monthly("coffee", times: 3, lastDaysAgo: 5)), table, [milk], Now));

        Assert.Equal(RecommendationReasonKind.CoPurchase, pick.Reason.Kind);
        Assert.Equal(("coffee", 3), (pick.Reason.BasedOnCategory, pick.Reason.Purchases!.Value));
        Assert.EndsWith("and 80 % of baskets with coffee also hold milk", pick.Reason.Text, StringComparison.Ordinal);
        Assert.Equal(3 * 0.8, pick.Score, 6);
    }

    [Fact]
    public void Popularity_only_fills_what_the_members_own_purchases_leave_open()
    {
        var table = CoPurchaseTable.Learn(Enumerable.Repeat<IReadOnlyCollection<string>>(["bread"], 10), minBaskets: 3);
        var bread = Candidate("Bread voucher", "bread");
        var tea = Candidate("Tea cup", "tea");
        var open = Candidate("Cinema ticket", null);

        var picks = NextBestOffer.For(CategoryHabit.From([Bought("tea", daysAgo: 3)]), table, [open, bread, tea], Now);

        Assert.Equal([tea, bread, open], picks.Select(p => p.Candidate));
        Assert.Equal([RecommendationReasonKind.Habit, RecommendationReasonKind.Popular, RecommendationReasonKind.Open], picks.Select(p => p.Reason.Kind));
        Assert.Equal("Popular with members: 100 % of baskets hold bread", picks[1].Reason.Text);
    }

    [Fact]
    public void A_habit_fades_once_the_member_is_past_their_own_rhythm_not_before()
    {
        var onRhythm = CategoryHabit.From(Monthly("coffee", times: 4, lastDaysAgo: 25)).Single();
        var drifting = CategoryHabit.From(Monthly("coffee", times: 4, lastDaysAgo: 200)).Single();

        Assert.Equal(4, NextBestOffer.Strength(onRhythm, Now));
        Assert.Equal(4 * Math.Exp(-(200 - 30) / NextBestOffer.FadeDays), NextBestOffer.Strength(drifting, Now), 9);
    }

    [Fact]
    public void Three_rewards_of_one_category_do_not_crowd_out_the_members_other_habits()
    {
        var purchases = Monthly("coffee", times: 6, lastDaysAgo: 1).Concat(Monthly("tea", times: 2, lastDaysAgo: 1)).ToList();
        var coffee = Enumerable.Range(1, 3).Select(i => Candidate($"Coffee {i}", "coffee")).ToList();
        var tea = Candidate("Tea", "tea");

        var picks = NextBestOffer.For(CategoryHabit.From(purchases), CoPurchaseTable.Empty, [.. coffee, tea], Now);

        Assert.Equal(["coffee", "tea", "coffee"], picks.Select(p => p.Candidate.Category));
        Assert.Equal([1, 2, 3], picks.Select(p => p.Rank));
    }

    [Fact]
    public void At_the_same_score_the_members_own_offer_comes_before_a_catalogue_reward()
    {
        var reward = Candidate("Free beans", "coffee");
        var offer = new RecommendationCandidate(RecommendationCandidateKind.Offer, Guid.NewGuid(), "Double points on coffee", "coffee");

        var picks = NextBestOffer.For(CategoryHabit.From(Monthly("coffee", times: 2, lastDaysAgo: 1)), CoPurchaseTable.Empty, [reward, offer], Now);

        Assert.Equal([offer, reward], picks.Select(p => p.Candidate));
    }

    [Theory]
    [InlineData(1, "almost every day")]
    [InlineData(7, "every week")]
    [InlineData(14, "every two weeks")]
    [InlineData(30.4, "every month")]
    [InlineData(9.2, "about every 9 days")]
    [InlineData(90, "about every 90 days")]
    public void The_rhythm_is_said_in_words(double days, string words) => Assert.Equal(words, NextBestOffer.Rhythm(days));

    [Fact]
    public void Lines_of_one_category_in_one_basket_count_as_one_purchase()
    {
        var basket = Guid.NewGuid();
        var habit = CategoryHabit.From(
        [
            new CategoryPurchase(basket, "coffee", Now, 3m),
            new CategoryPurchase(basket, "Coffee", Now, 4m),
            new CategoryPurchase(Guid.NewGuid(), "coffee", Now.AddDays(-7), 5m),
        ]).Single();

        Assert.Equal((2, 7.0), (habit.Purchases, habit.IntervalDays!.Value));
    }

    [Fact]
    public void On_history_with_a_known_answer_the_hit_rate_at_3_beats_the_most_popular_baseline()
    {
        // Each member has a staple category in nine baskets of ten, plus one of ten fillers everyone buys at random.
        // The staple is the known answer: a recommender that reads the member's history should find it, popularity cannot.
        var random = new Random(20261206);
        var fillers = Enumerable.Range(0, 10).Select(i => $"filler-{i}").ToArray();
        var staples = Enumerable.Range(0, 40).Select(i => $"staple-{i}").ToArray();
        var members = Enumerable.Range(0, 400).Select(m =>
        {
            var staple = staples[m % staples.Length];
            return (IReadOnlyList<CategoryPurchase>)Enumerable.Range(0, 6).SelectMany(b =>
            {
                var id = Guid.NewGuid();
                var at = Now.AddDays(-7 * (6 - b));
                var lines = new List<CategoryPurchase> { new(id, fillers[random.Next(fillers.Length)], at, 2m) };
                if (random.NextDouble() < 0.9)
                {
                    lines.Add(new CategoryPurchase(id, staple, at, 5m));
                }

                return lines;
            }).ToList();
        }).ToList();

        var result = RecommendationEvaluation.HitRateAt(3, members);

        Assert.Equal(400, result.Members);
        // The staple is in 90 % of last baskets; a random filler is among the 3 most popular about 30 % of the time.
        Assert.InRange(result.HitRate, 0.88, 1.0);
        Assert.InRange(result.BaselineHitRate, 0.2, 0.45);
    }

    [Fact]
    public void The_evaluation_learns_nothing_from_the_purchases_it_hides()
    {
        // Every member's only "milk" is in their hidden last basket: a model that saw it would recommend milk.
        var members = Enumerable.Range(0, 20).Select(_ =>
        {
            Guid first = Guid.NewGuid(), last = Guid.NewGuid();
            return (IReadOnlyList<CategoryPurchase>)[new(first, "bread", Now.AddDays(-2), 1m), new(last, "milk", Now, 1m)];
        });

        var result = RecommendationEvaluation.HitRateAt(1, members);

        Assert.Equal((20, 0, 0), (result.Members, result.Hits, result.BaselineHits));
    }

    private static RecommendationCandidate Candidate(string name, string? category) =>
        new(RecommendationCandidateKind.Reward, Guid.NewGuid(), name, category);

    private static CategoryPurchase Bought(string category, int daysAgo) => new(Guid.NewGuid(), category, Now.AddDays(-daysAgo), 10m);

    private static IEnumerable<CategoryPurchase> Monthly(string category, int times, int lastDaysAgo) =>
        Enumerable.Range(0, times).Select(i => Bought(category, lastDaysAgo + (30 * (times - 1 - i))));
}
