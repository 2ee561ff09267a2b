using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using FluentValidation;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Structural.Partners;
using Loyalty.Contracts.Admin;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Member;
using Loyalty.Contracts.Partner;
using Loyalty.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Api.Tests.Platform;

/// <summary>Issue 12, item 4: no control characters in free text, whatever the field; names compared in NFC.</summary>
[Collection(ApiCollection.Name)]
public sealed class ControlCharacterTests(ApiFixture fixture)
{
    private const string Nul = "Evil\u0000name";

    /// <summary>
    /// Request records whose strings reach the check some other way than as a property of a Mediator message; each
    /// says how. Everything else must be carried by a message, where every string is checked.
    /// </summary>
    private static readonly Dictionary<Type, string> ReachedOtherwise = new()
    {
        // Rows of a JSON import are checked row by row when the import runs (a row with NUL is rejected with the live
        // path's validation_failed); the upload itself only stores the file.
        [typeof(ImportRowRequest)] = "ImportBatch runs TextSafety on each row",

        // The admin endpoint copies its url, event types and description into a CreateWebhookRequest, which
        // CreateWebhookCommand carries; partnerId is a Guid.
        [typeof(CreateAdminWebhookRequest)] = "copied into CreateWebhookRequest by the endpoint",

        // A segment definition nests deeper than TextSafety walks; SegmentRule.Validate refuses control characters in
        // every string of the tree, at any depth (400 with the field's path).
        [typeof(SegmentRequest)] = "SegmentRule.Validate checks every string of the rule tree",
        [typeof(SegmentPreviewRequest)] = "SegmentRule.Validate checks every string of the rule tree",
    };

    public static TheoryData<Type> RequestTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(CreatePartnerRequest).Assembly.GetTypes()
                     .Where(t => t.IsPublic && !t.IsAbstract && t.Name.EndsWith("Request", StringComparison.Ordinal) && HasStrings(t, 0))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory, MemberData(nameof(RequestTypes))]
    public void Every_request_record_with_text_is_carried_by_a_message_whose_every_string_is_checked(Type request)
    {
        if (ReachedOtherwise.ContainsKey(request))
        {
            return;
        }

        var carriers = Messages().Where(m => Carries(m, request)).ToList();
        Assert.True(carriers.Count > 0, $"{request.Name} is not carried by any Mediator message: its strings would escape the control-character check.");
        foreach (var message in carriers)
        {
            var instance = Build(message, 0);
            var expected = StringPaths(message, "", 0, top: true).ToHashSet();
            var reported = TextSafety.Problems(instance).Select(p => p.Field).ToHashSet();
            Assert.True(expected.SetEquals(reported), $"{message.Name}: expected [{string.Join(", ", expected)}], reported [{string.Join(", ", reported)}]");
            Assert.Equal(reported.Count == 0, TextSafety.IsClean(instance)); // the validator's fast path agrees with the walk
        }
    }

    [Fact]
    public void Every_message_runs_the_check_whatever_its_own_validators()
    {
        var services = fixture.For(DatabaseProvider.Sqlite).Services;
        foreach (var message in Messages())
        {
            var validators = (IEnumerable)services.GetServices(typeof(IValidator<>).MakeGenericType(message));
            Assert.Contains(validators.Cast<object>(), v => v.GetType().IsGenericType && v.GetType().GetGenericTypeDefinition() == typeof(TextSafetyValidator<>));
        }
    }

    [Theory]
    [InlineData("plain", false, true)]
    [InlineData("Zoë's café — 東京 🎉", false, true)]
    [InlineData("a\u0000b", false, false)]
    [InlineData("a\u001bb", false, false)]
    [InlineData("a\u007fb", false, false)]
    [InlineData("a\u0085b", false, false)]
    [InlineData("a\nb", false, false)]
    [InlineData("a\tb", false, false)]
    [InlineData("admin\u202Egnp.exe", false, false)]
    [InlineData("a\u2066b\u2069", false, false)]
    [InlineData("a\u2028b", true, false)]
    [InlineData("line one\nline two\r\n\tindented", true, true)]
    [InlineData("bare\rreturn", true, false)]
    [InlineData("a\u0000b", true, false)]
    public void What_text_may_hold(string text, bool multiline, bool safe) => Assert.Equal(safe, TextSafety.IsSafe(text, multiline));

    [Fact]
    public void An_unpaired_surrogate_is_refused_and_a_pair_is_not()
    {
        Assert.False(TextSafety.IsSafe("a" + (char)0xD800 + "b"));
        Assert.False(TextSafety.IsSafe("a" + (char)0xDC00));
        Assert.True(TextSafety.IsSafe("a🎉b"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Free_text_with_a_control_character_is_refused_with_the_field_named(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var member = await s.EnrolAsync();
        var attempts = new (HttpClient Client, string Url, object Body, string Field)[]
        {
            (s.Admin, "/api/v1/admin/partners", new CreatePartnerRequest(Nul, null), "name"),
            (s.Admin, $"/api/v1/admin/partners/{s.PartnerInfo.Id}/stores", new CreateStoreRequest("Store\u202E", "S-" + Unique.Id(), null), "name"),
            (s.Admin, $"/api/v1/admin/partners/{s.PartnerInfo.Id}/api-keys", new CreateApiKeyRequest("till\u0007", ["members:read"]), "name"),
            (s.Admin, "/api/v1/admin/earning-rules", new EarningRuleRequest("Rule\u0000", EarningRuleKind.Multiplier, Factor: 2m, Conditions: new EarningRuleConditions(PartnerIds: [s.PartnerInfo.Id], Categories: ["ok", "bad\u0000"])), "name"),
            (s.Admin, $"/api/v1/admin/members/{member.Id}/adjustments", new CreateAdjustmentRequest(10, "Goodwill\u0000"), "reason"),
            (s.Partner, "/api/v1/partner/transactions", s.Purchase(member.MemberNumber, 10m, "R-\u0000" + Unique.Id()), "externalId"),
        };
        foreach (var (client, url, body, field) in attempts)
        {
            using var response = await client.PostAsync(url, body, "ctl-" + Unique.Id());
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{url}: {problem}");
            Assert.Contains("control characters", messages[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Descriptions_documented_as_multiline_take_line_breaks_and_names_compare_in_NFC(DatabaseProvider provider)
    {
        var s = await Scenario.StartAsync(fixture.For(provider));
        var from = s.Api.Clock.GetUtcNow().AddDays(1);
        using (var campaign = await s.Admin.PostAsJsonAsync("/api/v1/admin/campaigns", new CampaignRequest("Lines " + Unique.Id(), from, Description: "Double points\r\n\t- weekends only\n"), HttpTestExtensions.Json))
        {
            await campaign.EnsureStatusAsync(HttpStatusCode.Created);
        }

        using (var nul = await s.Admin.PostAsJsonAsync("/api/v1/admin/campaigns", new CampaignRequest("Lines " + Unique.Id(), from, Description: "Double\u0000"), HttpTestExtensions.Json))
        {
            var problem = await nul.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _), problem.ToString());
        }

        // "Café" with a precomposed é, then with e + combining acute accent: one name.
        var id = Unique.Id();
        var composed = await s.Admin.PostJsonAsync<PartnerResponse>("/api/v1/admin/partners", new CreatePartnerRequest($"Caf\u00e9 {id}", null));
        Assert.Equal($"Caf\u00e9 {id}", composed.Name);
        using var decomposed = await s.Admin.PostAsync("/api/v1/admin/partners", new CreatePartnerRequest($"Cafe\u0301 {id}", null), "nfc-" + Unique.Id());
        await decomposed.AssertProblemAsync(HttpStatusCode.Conflict, "partner_name_taken");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_row_with_a_control_character_is_rejected_while_the_others_earn(DatabaseProvider provider)
    {
        var api = fixture.For(provider);
        var s = await Scenario.StartAsync(api);
        var ann = await s.EnrolAsync();
        var now = api.Clock.GetUtcNow();
        object[] rows =
        [
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-" + Unique.Id(), amount = 10m, currency = "EUR", purchasedAt = now },
            new { memberNumber = ann.MemberNumber, storeId = s.Store.Id, externalId = "R-\u0000" + Unique.Id(), amount = 20m, currency = "EUR", purchasedAt = now },
        ];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partner/imports") { Content = JsonContent.Create(rows) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await s.Partner.SendAsync(request);
        await response.EnsureStatusAsync(HttpStatusCode.Accepted);
        var import = (await response.Content.ReadFromJsonAsync<ImportResponse>(HttpTestExtensions.Json))!;

        await Imports.ImportJobRunner.RunUntilIdleAsync(api);
        import = await s.Partner.GetJsonAsync<ImportResponse>($"/api/v1/partner/imports/{import.Id}");
        Assert.Equal((1, 1), (import.Earned, import.Rejected));
        var report = await s.Partner.GetStringAsync(new Uri($"/api/v1/partner/imports/{import.Id}/rejected", UriKind.Relative));
        Assert.Contains("invalid_row,externalId must not contain control characters", report, StringComparison.Ordinal);
        Assert.Equal(10, await s.AssertBalanceEqualsLedgerAsync(ann.MemberNumber));
    }

    [Fact]
    public void The_OpenAPI_documents_say_which_fields_take_line_breaks()
    {
        var admin = File.ReadAllText(Path.Combine(Snapshots.RepositoryRoot, "api-specs", "admin.json"));
        Assert.Contains(MultilineTextAttribute.Description.Replace("\\", "\\\\", StringComparison.Ordinal), admin, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> Messages() =>
        typeof(CreatePartnerCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(Mediator.IMessage).IsAssignableFrom(t));

    /// <summary>Whether the message holds the request, directly or inside another record it holds (basket lines in a purchase).</summary>
    private static bool Carries(Type holder, Type request, int depth = 0) =>
        depth < 6 && holder.GetProperties().Any(p =>
            (ElementOf(p.PropertyType) ?? Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var held
            && (held == request || (IsOurs(held) && held != typeof(string) && Carries(held, request, depth + 1))));

    private const string DictionaryKey = "key";

    /// <summary>A map of strings to strings (attributes by code or key); built with one safe key and an unsafe value.</summary>
    private static bool IsStringDictionary(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var k, var v] && k == typeof(string) && v == typeof(string)
        && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>));

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? type.GetGenericArguments().Last() : null;

    private static bool IsOurs(Type type) => !type.IsEnum && type.Namespace?.StartsWith("Loyalty.", StringComparison.Ordinal) == true && type.Namespace?.StartsWith("Loyalty.Domain", StringComparison.Ordinal) != true;

    private static bool HasStrings(Type type, int depth) =>
        depth < 6 && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p =>
            p.PropertyType == typeof(string) || ElementOf(p.PropertyType) == typeof(string)
            || (IsOurs(p.PropertyType) && HasStrings(p.PropertyType, depth + 1))
            || (ElementOf(p.PropertyType) is { } e && IsOurs(e) && HasStrings(e, depth + 1)));

    /// <summary>Every string a built message holds, named as TextSafety names fields (lists hold one element).</summary>
    private static IEnumerable<string> StringPaths(Type type, string path, int depth, bool top)
    {
        // Exempt: an uploaded file's text, whose rows are checked one by one ([CheckedPerRow]).
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && !p.IsDefined(typeof(CheckedPerRowAttribute))))
        {
            var isBody = top && p.PropertyType.Namespace?.StartsWith("Loyalty.Contracts", StringComparison.Ordinal) == true;
            var name = isBody ? "" : (path.Length == 0 ? "" : path + ".") + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            var element = ElementOf(p.PropertyType);
            if (p.PropertyType == typeof(string))
            {
                yield return name;
            }
            else if (IsStringDictionary(p.PropertyType))
            {
                yield return name + "." + DictionaryKey; // TextSafety names a dictionary's value by its key
            }
            else if (element == typeof(string))
            {
                yield return name + "[0]";
            }
            else if (element is not null && IsOurs(element) && depth < 6)
            {
                foreach (var inner in StringPaths(element, name + "[0]", depth + 1, top: false))
                {
                    yield return inner;
                }
            }
            else if (IsOurs(p.PropertyType) && depth < 6)
            {
                foreach (var inner in StringPaths(p.PropertyType, name, depth + 1, top: false))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>An instance with NUL in every string and one element in every list, through its widest constructor or its setters.</summary>
    private static object? Build(Type type, int depth)
    {
        if (type == typeof(string))
        {
            return Nul;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsStringDictionary(underlying))
        {
            return new Dictionary<string, string?> { [DictionaryKey] = Nul };
        }

        if (ElementOf(underlying) is { } element && underlying != typeof(string))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Build(element, depth + 1));
            return underlying.IsArray ? list.GetType().GetMethod("ToArray")!.Invoke(list, null) : list;
        }

        if (!IsOurs(underlying) || depth > 6)
        {
            return underlying.IsValueType ? Activator.CreateInstance(underlying) : null;
        }

        var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var instance = constructor.Invoke(constructor.GetParameters().Select(p => Build(p.ParameterType, depth + 1)).ToArray());
        foreach (var property in underlying.GetProperties().Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0))
        {
            if (property.GetValue(instance) is null)
            {
                property.SetValue(instance, Build(property.PropertyType, depth + 1));
            }
        }

        return instance;
    }
}
