using System.Reflection;

namespace Loyalty.Architecture.Tests;

/// <summary>Each rule, run against a deliberately bad sample, reports it; and a good sample passes, so no rule fails always.</summary>
public sealed class RuleSelfTests : IDisposable
{
    private static readonly Assembly Samples = typeof(RuleSelfTests).Assembly;
    private readonly string directory = Directory.CreateTempSubdirectory("loyalty-arch-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Layer_rule_reports_types_that_use_a_forbidden_layer_or_framework()
    {
        var violations = Rules.ForbiddenDependencies(Samples, "Loyalty.Architecture.Tests.Samples.LeakyDomain",
            [.. ArchitectureTests.OurOtherLayers, .. ArchitectureTests.Frameworks]);

        Assert.Equal(
            ["Loyalty.Architecture.Tests.Samples.LeakyDomain.OrderWithApplication", "Loyalty.Architecture.Tests.Samples.LeakyDomain.OrderWithDbContext", "Loyalty.Architecture.Tests.Samples.LeakyDomain.OrderWithMediator"],
            violations);
    }

    [Fact]
    public void Layer_rule_passes_a_type_that_uses_only_the_base_library() =>
        Assert.Empty(Rules.ForbiddenDependencies(Samples, "Loyalty.Architecture.Tests.Samples.CleanDomain",
            [.. ArchitectureTests.OurOtherLayers, .. ArchitectureTests.Frameworks]));

    [Fact]
    public void Layer_rule_sees_the_dependencies_of_the_real_assemblies() =>
        // Application does use EF Core; were the real assemblies not read, the layer tests would pass for nothing.
        Assert.Contains("Loyalty.Application.Abstractions.ILoyaltyDbContext",
            Rules.ForbiddenDependencies(Assembly.Load("Loyalty.Application"), "Loyalty.Application", "Microsoft.EntityFrameworkCore"));

    [Fact]
    public void Request_file_rule_reports_bundles_and_misnamed_files()
    {
        Write("Shop/StoreUseCases.cs", """
            public sealed record CreateShopCommand(string Name) : ICommand<Guid>;
            public sealed class CreateShopHandler : ICommandHandler<CreateShopCommand, Guid> { }
            public sealed record ListShopsQuery(
                int Limit) : IQuery<IReadOnlyList<string>>;
            """);
        Write("Shop/RedeemPoints.cs", "public sealed record AuthoriseRedemptionCommand(int Points) : ICommand<int>, ITransactionalCommand;");

        var violations = Rules.RequestsOutsideTheirOwnFile(directory, ["CloseShopCommand"]);

        Assert.Equal(
            [
                "AuthoriseRedemptionCommand: declared in RedeemPoints.cs, expected AuthoriseRedemption.cs",
                "CloseShopCommand: not declared in any file under " + directory,
                "CreateShopCommand: declared in StoreUseCases.cs, expected CreateShop.cs",
                "ListShopsQuery: declared in StoreUseCases.cs, expected ListShops.cs",
            ],
            violations);
    }

    [Fact]
    public void Request_file_rule_passes_one_use_case_per_file_and_helpers_anywhere()
    {
        Write("Shop/CreateShop.cs", """
            public sealed record CreateShopCommand(string Name) : ICommand<Guid>;
            public sealed class CreateShopValidator : AbstractValidator<CreateShopCommand> { }
            public sealed class CreateShopHandler : ICommandHandler<CreateShopCommand, Guid> { }
            """);
        Write("Shop/ShopLookup.cs", "internal static class ShopLookup { }");

        Assert.Empty(Rules.RequestsOutsideTheirOwnFile(directory, ["CreateShopCommand"]));
    }

    [Fact]
    public void Sql_rule_reports_sql_text_and_raw_sql_calls_but_not_prose_or_build_output()
    {
        Write("App/Report.cs", "var sql = \"SELECT id FROM members\";");
        Write("App/Purge.cs", "await db.Database.ExecuteSqlRawAsync(sql);");
        Write("App/Rows.cs", "db.Members.FromSqlInterpolated($\"x\");");
        Write("App/Delete.cs", "const string Sql = @\"DELETE FROM lots WHERE id = 1\";");
        Write("App/Move.cs", "// update the tier, then insert into the history\nvar selected = members.Select(m => m.Id);");
        Write("App/obj/Generated.cs", "var sql = \"UPDATE members SET x = 1\";");

        Assert.Equal(["App/Delete.cs", "App/Purge.cs", "App/Report.cs", "App/Rows.cs"], Rules.FilesWithSql(directory, "App"));
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
