using System.Text;
using Loyalty.Api.Tests.Imports;
using Loyalty.Api.Tests.Infrastructure;
using Loyalty.Contracts.Partner;

namespace Loyalty.Client.Tests;

[Collection(ClientCollection.Name)]
public sealed class ImportClientTests(ClientFixture fixture)
{
    [Fact]
    public async Task A_partner_uploads_csv_and_json_imports_and_reads_progress_and_the_rejected_rows_through_the_client()
    {
        var s = await Scenario.StartAsync(fixture.Factory);
        var api = fixture.PartnerApi(s.Key.Key);
        var member = await s.EnrolAsync();
        var at = fixture.Factory.Clock.GetUtcNow().AddHours(-2);

        var csv = $"memberNumber,storeId,externalId,amount,currency,purchasedAt\n{member.MemberNumber},{s.Store.Id},C-{Unique.Id()},10,EUR,{at:O}\n";
        var fromCsv = await api.UploadImportAsync(new StringContent(csv, Encoding.UTF8, "text/csv"), IdempotencyKeys.New());
        var fromJson = await api.UploadImportRowsAsync([new ImportRowRequest(member.MemberNumber, s.Store.Id, "J-" + Unique.Id(), -1m, "EUR", at)], IdempotencyKeys.New());
        await ImportJobRunner.RunUntilIdleAsync(fixture.Factory);

        Assert.Equal((ImportStatus.Completed, 1, 10L), ((await api.GetImportAsync(fromCsv.Id)).Status, (await api.GetImportAsync(fromCsv.Id)).Earned, (await api.GetImportAsync(fromCsv.Id)).Points));
        Assert.Equal(1, (await api.GetImportAsync(fromJson.Id)).Rejected);
        Assert.Contains(",validation_failed,", await api.GetRejectedRowsAsync(fromJson.Id), StringComparison.Ordinal);
        Assert.Equal([fromJson.Id, fromCsv.Id], (await api.ListImportsAsync()).Items.Select(i => i.Id));
    }
}
