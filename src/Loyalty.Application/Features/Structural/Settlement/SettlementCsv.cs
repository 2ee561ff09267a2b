using System.Globalization;
using System.Text;
using Loyalty.Application.Common;
using Loyalty.Contracts.Partner;

namespace Loyalty.Application.Features.Structural.Settlement;

/// <summary>A settlement as CSV: one row per store, then a total row; invariant culture, RFC 4180 quoting.</summary>
public static class SettlementCsv
{
    public static string Write(SettlementResponse settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var csv = new StringBuilder();
        csv.Append("partner_id,from,to,store_id,store_code,store_name,points_earned,points_reversed,points_issued,points_redeemed,issued_value,redeemed_value,net_amount,currency\r\n");
        foreach (var line in settlement.Stores.Append(settlement.Totals))
        {
            var isTotal = ReferenceEquals(line, settlement.Totals);
            string[] cells =
            [
                settlement.PartnerId.ToString(),
                settlement.From.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                settlement.To.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                line.StoreId?.ToString() ?? "",
                isTotal ? "TOTAL" : line.StoreCode ?? "",
                line.StoreName ?? "",
                Number(line.PointsEarned),
                Number(line.PointsReversed),
                Number(line.PointsIssued),
                Number(line.PointsRedeemed),
                Number(line.IssuedValue),
                Number(line.RedeemedValue),
                Number(line.NetAmount),
                settlement.Currency,
            ];
            csv.AppendJoin(',', cells.Select(CsvField.Of)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
