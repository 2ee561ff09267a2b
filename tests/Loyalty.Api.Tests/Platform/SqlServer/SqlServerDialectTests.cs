using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Customised.AccountManagers;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Application.Features.Customised.Offers;
using Loyalty.Application.Features.Customised.Recommendations;
using Loyalty.Application.Features.Customised.Segments;
using Loyalty.Application.Features.Financial.Expiry;
using Loyalty.Application.Features.Financial.Ledger;
using Loyalty.Application.Features.Financial.Reports;
using Loyalty.Application.Features.Insight;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Application.Features.Social.Tiers;
using Loyalty.Application.Features.Structural.Webhooks;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Profiles;
using Loyalty.Domain.Customised.Segments;
using Loyalty.Domain.Insight.Value;
using Loyalty.Domain.Social.Tiers;
using Loyalty.Infrastructure;
using Loyalty.Infrastructure.Customised;
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Insight;
using Loyalty.Infrastructure.Persistence;
using Loyalty.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loyalty.Api.Tests.Platform.SqlServer;

/// <summary>
/// The SQL Server dialect checked without a server: every provider-specific statement Infrastructure writes (and the
/// LINQ around it) is rendered by EF's SQL Server provider through <see cref="RecordingConnection"/>, then parsed by
/// ScriptDom and its tables and columns looked up in the model; so is the generated <c>db/sqlserver.sql</c>.
/// </summary>
public sealed class SqlServerDialectTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_hand_written_statement_parses_as_T_SQL_and_names_only_tables_and_columns_of_the_model()
    {
        var connection = new RecordingConnection();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        services.AddLogging();
        services.AddOptions();
        services.AddDbContext<LoyaltyDbContext>(o => o.UseSqlServer(connection));
        services.AddScoped<ILoyaltyDbContext>(sp => sp.GetRequiredService<LoyaltyDbContext>());
        services.AddScoped<IReportingDbContext>(sp => sp.GetRequiredService<LoyaltyDbContext>()); // reports' statements recorded too
        services.AddSetBasedSql();
        services.AddInsight();
        services.AddScoped<IWebhookBatchLocks, SqlWebhookBatchLocks>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LoyaltyDbContext>();
        await db.Database.BeginTransactionAsync(); // the locking statements insist on one

        var tiers = new[] { Tier.Create("Bronze", 0, 1m, 0, Now), Tier.Create("Silver", 1, 1.5m, 500, Now), Tier.Create("Gold", 2, 2m, 2000, Now) };
        var scheme = new TierSchemeSnapshot(TierProgrammeSettings.Default, tiers);
        var member = Guid.NewGuid();
        var scoreNames = sp.GetServices<ISegmentScore>().Select(s => s.Name).ToList();
        var everyKind = new SegmentRule
        {
            Kind = SegmentRuleKind.All,
            Rules =
            [
                new() { Kind = SegmentRuleKind.Tier, TierIds = [tiers[1].Id] },
                new() { Kind = SegmentRuleKind.PointsBalance, Min = 10 },
                new() { Kind = SegmentRuleKind.Spend, Min = 10, WindowDays = 90, Currency = "EUR" },
                new() { Kind = SegmentRuleKind.Visits, Min = 2, WindowDays = 30 },
                new() { Kind = SegmentRuleKind.DaysSinceLastPurchase, Min = 30 },
                new() { Kind = SegmentRuleKind.TenureDays, Max = 365 },
                new() { Kind = SegmentRuleKind.Store, StoreIds = [Guid.NewGuid()] },
                new() { Kind = SegmentRuleKind.Partner, PartnerIds = [Guid.NewGuid()] },
                new() { Kind = SegmentRuleKind.City, Cities = ["Springfield"] },
                new() { Kind = SegmentRuleKind.Interest, Topics = ["wine"] },
                new() { Kind = SegmentRuleKind.Consent, Purpose = Enum.GetValues<ConsentPurpose>()[0], Channel = Enum.GetValues<ContactChannel>()[0] },
                new() { Kind = SegmentRuleKind.Household, IsHead = true },
                new() { Kind = SegmentRuleKind.Any, Rules = [.. scoreNames.Select(n => new SegmentRule { Kind = SegmentRuleKind.Score, Score = n, Min = 1 })] },
                new() { Kind = SegmentRuleKind.None, Rules = [new() { Kind = SegmentRuleKind.City, Cities = ["Shelbyville"] }] },
            ],
        };

        var calls = new (string Name, Func<Task> Call)[]
        {
            ("account balances", () => sp.GetRequiredService<IAccountBalances>().ApplyAsync(member, 10, 0, 0, 10, 0, Now, default)),
            ("account balances, many", () => sp.GetRequiredService<IAccountBalances>().ApplyManyAsync([new AccountDelta(member, 10, 0, 10), new AccountDelta(Guid.NewGuid(), -5, 5, 0)], Now, default)),
            ("expired batches", () => sp.GetRequiredService<IPointsExpiry>().ExpiredBatchesAsync(Now, 100, default)),
            ("notice batches", () => sp.GetRequiredService<IPointsExpiry>().NoticeBatchesAsync(Now, Now.AddDays(30), 100, default)),
            ("expire a batch", () => sp.GetRequiredService<IPointsExpiry>().ExpireBatchAsync(Now, Guid.NewGuid(), null, member, default)),
            ("notice a batch", () => sp.GetRequiredService<IPointsExpiry>().NoticeBatchAsync(Now, Now.AddDays(30), member, Guid.NewGuid(), default)),
            ("liability movements", () => sp.GetRequiredService<ILiabilitySums>().MovementsByMonthAsync(Now.AddYears(-1), Now, default)),
            ("liability by expiry", () => sp.GetRequiredService<ILiabilitySums>().RemainingByExpiryMonthAsync(default)),
            ("balance read", () => sp.GetRequiredService<IBalanceReads>().ForSubjectAsync("subject", default)),
            ("tier activity", () => sp.GetRequiredService<ITierActivity>().ForMemberAsync(member, "EUR", Now.AddYears(-1), Now.AddYears(-2), Now, default)),
            ("tier activity, many", () => sp.GetRequiredService<ITierActivity>().ForMembersAsync([(member, Now.AddYears(-1), Now.AddYears(-2))], "EUR", Now, default)),
            ("tier moves", () => sp.GetRequiredService<ITierMoves>().MoveTierMembersAsync(new TierMove(tiers[2], tiers[1], TierChangeReason.SchemeChanged, Now, Now.AddYears(1), null, null, Now), default)),
            ("tier review batches", () => sp.GetRequiredService<ITierReview>().DueBatchesAsync(scheme, Now, 100, default)),
            ("tier review", () => sp.GetRequiredService<ITierReview>().ReviewBatchAsync(scheme, Now, null, member, default)),
            ("tier scheme preview", () => sp.GetRequiredService<ITierSchemePreview>().CountMovesAsync(tiers, [.. tiers.Select(t => (t.Id, t))], TierProgrammeSettings.Default, Now, default)),
            ("segment refresh", () => sp.GetRequiredService<ISegmentMembership>().RefreshAsync(Segment.Create("Every kind", null, everyKind, Now), Now, default)),
            ("offer audience", () => sp.GetRequiredService<IOfferAudience>().MaterialiseAsync(Guid.NewGuid(), Guid.NewGuid(), 0.1m, Now, default)),
            ("offer audience, everyone", () => sp.GetRequiredService<IOfferAudience>().MaterialiseAsync(Guid.NewGuid(), null, 0m, Now, default)),
            ("offer report", () => sp.GetRequiredService<IOfferReportSums>().ActivityAsync(Guid.NewGuid(), Now.AddDays(-30), Now, "EUR", default)),
            ("member value (insight)", () => sp.GetRequiredService<IMemberValueSource>().RankUnassignedAsync("EUR", Now.AddYears(-1), (100, 1, member), 10, default)),
            ("member value (spend)", () => sp.GetRequiredService<SqlMemberValueSource>().RankUnassignedAsync("EUR", Now.AddYears(-1), (100, 1, member), 10, default)),
            ("notification fan-out", () => sp.GetRequiredService<IInterestNotificationFanOut>().FanOutAsync(NotificationContentKind.Offer, Guid.NewGuid(), "New offer", new NotificationCap(3, 7), Now, default)),
            ("recommendation batches", () => sp.GetRequiredService<IRecommendationStore>().ActiveMemberBatchesAsync(100, default)),
            ("recommendation replace", () => sp.GetRequiredService<IRecommendationStore>().ReplaceAsync(null, member, [], default)),
            ("insight retention", () => sp.GetRequiredService<IInsightScoring>().RetentionAsync(Now, "EUR", default)),
            ("insight scoring", () => sp.GetRequiredService<IInsightScoring>().ScoreAsync(InsightRun.Start(1, Now, "EUR", 10, 5, "test"), default)),
            ("insight backtest", () => sp.GetRequiredService<IInsightScoring>().BacktestAsync(Now, "EUR", default)),
            ("retention evaluation", () => sp.GetRequiredService<IInsightScoring>().EvaluateRetentionAsync(Now, default)),
            ("webhook fan-out locks", () => sp.GetRequiredService<IWebhookBatchLocks>().LockMessagesToFanOutAsync(50, default)),
            ("webhook delivery locks", () => sp.GetRequiredService<IWebhookBatchLocks>().LockDueDeliveriesAsync(Now, 50, default)),
        };

        var silent = new List<string>();
        foreach (var (name, call) in calls)
        {
            var before = connection.Statements.Count;
            try
            {
                await call();
            }
            catch (Exception exception) when (exception is InvalidOperationException or NullReferenceException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The recording connection answers every query with no rows, which some callers cannot read further;
                // what they sent up to there is recorded.
            }

            if (connection.Statements.Count == before)
            {
                silent.Add(name);
            }
        }

        Assert.Empty(silent); // each call reached the database at least once
        var check = new TSqlCheck(db.Model);
        var problems = connection.Statements.Distinct().SelectMany(check.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(connection.Statements.Count > calls.Length);
        output.WriteLine($"{connection.Statements.Distinct().Count()} distinct statements checked");
        foreach (var statement in connection.Statements.Distinct())
        {
            output.WriteLine(statement.ReplaceLineEndings(" ")[..Math.Min(200, statement.Length)]);
        }
    }

    [Theory]
    [InlineData("""SELECT m."Nmae" FROM "Members" AS m""", "no column \"Nmae\" in table \"Members\"")]
    [InlineData("""SELECT "Id" FROM "Member" """, "no table \"Member\"")]
    [InlineData("""SELECT m."Id" FROM "Members" AS m LIMIT 5""", "Incorrect syntax")]
    [InlineData("""SELECT m."Id" FROM "Members" AS m FOR UPDATE SKIP LOCKED""", "Incorrect syntax")]
    public void The_check_refuses_names_the_model_lacks_and_PostgreSQL_only_syntax(string sql, string expected)
    {
        using var db = new LoyaltyDbContext(new DbContextOptionsBuilder<LoyaltyDbContext>().UseSqlServer(new RecordingConnection()).Options);
        var problems = new TSqlCheck(db.Model).Problems(sql).ToList();
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_idempotency_claim_parses_as_T_SQL()
    {
        var connection = new RecordingConnection();
        var services = new ServiceCollection();
        services.AddPooledDbContextFactory<LoyaltyDbContext>(o => o.UseSqlServer(connection));
        await using var provider = services.BuildServiceProvider();
        var store = new IdempotencyStore(provider.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>(), new OpenWriteGate(), TimeProvider.System, Options.Create(new IdempotencyOptions()));
        try
        {
            await store.BeginAsync("partner:x", "key-1", "hash", default);
        }
        catch (InvalidOperationException)
        {
            // no rows to read back: the claim itself was sent
        }

        Assert.Contains(connection.Statements, s => s.Contains("UPDLOCK, HOLDLOCK", StringComparison.Ordinal));
        await using var db = provider.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContext();
        var check = new TSqlCheck(db.Model);
        var problems = connection.Statements.Distinct().SelectMany(check.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void The_generated_sqlserver_script_parses_and_creates_every_table_of_the_model()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlserver.sql"));
        var fragment = TSqlCheck.Parse(script, out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));

        var created = new HashSet<string>(StringComparer.Ordinal);
        var tables = new CreatedTables(created);
        fragment.Accept(tables);
        using var db = new LoyaltyDbContext(new DbContextOptionsBuilder<LoyaltyDbContext>().UseSqlServer(new RecordingConnection()).Options);
        var missing = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Where(t => !created.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "the script never creates: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Loyalty.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Loyalty.sln not found above the test binaries.");
    }

    private sealed class CreatedTables(HashSet<string> created) : Microsoft.SqlServer.TransactSql.ScriptDom.TSqlFragmentVisitor
    {
        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.CreateTableStatement node) => created.Add(node.SchemaObjectName.BaseIdentifier.Value);

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.ExecuteStatement node)
        {
            // Renames run through sp_rename; a renamed table counts under its new name.
            if (node.ExecuteSpecification.ExecutableEntity is Microsoft.SqlServer.TransactSql.ScriptDom.ExecutableProcedureReference { ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value: "sp_rename" } rename
                && rename.Parameters.Count == 2 && rename.Parameters[1].ParameterValue is Microsoft.SqlServer.TransactSql.ScriptDom.StringLiteral name)
            {
                created.Add(name.Value);
            }
        }
    }
}
