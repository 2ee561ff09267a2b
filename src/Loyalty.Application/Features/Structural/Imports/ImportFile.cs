using System.Globalization;
using System.Text;
using System.Text.Json;
using Loyalty.Application.Errors;
using Loyalty.Contracts;
using Loyalty.Contracts.Partner;

namespace Loyalty.Application.Features.Structural.Imports;

/// <summary>
/// Reads an uploaded file into rows. A file that cannot be read as a whole (bad quoting, wrong header, invalid JSON,
/// too many rows) is refused with 400 and nothing is stored; a readable row with bad values is kept and rejected with its reason.
/// </summary>
public static class ImportFile
{
    public static readonly string[] Columns = ["memberNumber", "storeId", "externalId", "amount", "currency", "purchasedAt"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ImportRowRequest> ReadJson(string body)
    {
        List<ImportRowRequest?>? rows;
        try
        {
            rows = JsonSerializer.Deserialize<List<ImportRowRequest?>>(body, Json);
        }
        catch (JsonException e)
        {
            // The serializer's message names .NET types (List`1[...ImportRowRequest]); say where the body is wrong instead.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            var what = string.IsNullOrEmpty(e.Path) || e.Path == "$"
                ? "it must be a JSON array of row objects, like [{\"memberNumber\": ..., \"amount\": ...}]"
                : $"could not read {e.Path}; check its JSON syntax and value type";
            throw Malformed($"The body is not a JSON array of rows{where}: {what}.");
        }

        if (rows is null)
        {
            throw Malformed("The body must be a JSON array of rows.");
        }

        CheckCount(rows.Count);
        var index = rows.FindIndex(r => r is null);
        return index >= 0 ? throw Malformed($"Row {index + 1} is null.") : rows.ConvertAll(r => r!);
    }

    public static IReadOnlyList<(ImportRowRequest? Row, string? Error)> ReadCsv(string body)
    {
        var records = Rfc4180.Read(body);
        if (records.Count == 0)
        {
            throw Malformed($"The file is empty; the first line must be the header {string.Join(',', Columns)}.");
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        var positions = Columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = positions.Where(p => p.Value < 0).Select(p => p.Key).ToList();
        if (missing.Count > 0 || header.Count != Columns.Length)
        {
            throw Malformed($"The header must name exactly these columns (any order): {string.Join(',', Columns)}" +
                (missing.Count > 0 ? $"; missing: {string.Join(',', missing)}." : "."));
        }

        var data = records.Skip(1).Where(r => !(r.Count == 1 && r[0].Length == 0)).ToList(); // blank lines do not count
        CheckCount(data.Count);
        var rows = new List<(ImportRowRequest?, string?)>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var record = data[i];
            if (record.Count != Columns.Length)
            {
                throw Malformed($"Row {i + 1} has {record.Count} fields; every row needs {Columns.Length}.");
            }

            string Field(string column) => record[positions[column]].Trim();
            string? error = null;
            Guid? storeId = null;
            decimal? amount = null;
            DateTimeOffset? purchasedAt = null;
            if (Field("storeId") is { Length: > 0 } s)
            {
                storeId = Guid.TryParse(s, out var g) ? g : null;
                error ??= storeId is null ? "storeId is not a valid id." : null;
            }

            if (Field("amount") is { Length: > 0 } a)
            {
                amount = decimal.TryParse(a, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
                error ??= amount is null ? "amount is not a number (use a dot for decimals)." : null;
            }

            if (Field("purchasedAt") is { Length: > 0 } p)
            {
                purchasedAt = DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
                error ??= purchasedAt is null ? "purchasedAt is not an ISO 8601 date and time." : null;
            }

            rows.Add((new ImportRowRequest(Field("memberNumber"), storeId, Field("externalId"), amount, Field("currency"), purchasedAt), error));
        }

        return rows;
    }

    private static void CheckCount(int count)
    {
        if (count == 0)
        {
            throw Malformed("The file holds no rows.");
        }

        if (count > Domain.Structural.Imports.Import.MaxRows)
        {
            throw AppException.BadRequest(ErrorCodes.TooManyRows, $"An import holds at most {Domain.Structural.Imports.Import.MaxRows:N0} rows; this one has {count:N0}. Split the file.");
        }
    }

    private static AppException Malformed(string message) => AppException.BadRequest(ErrorCodes.MalformedFile, message);

    /// <summary>
    /// A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF). Strict on purpose: a stray quote means
    /// the file is not what the partner thinks it is, so the whole file is refused with the line where it went wrong.
    /// </summary>
    private static class Rfc4180
    {
        public static List<List<string>> Read(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }

            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            var line = 1;
            var i = 0;
            var atFieldStart = true;
            while (i < text.Length)
            {
                var c = text[i];
                if (atFieldStart && c == '"')
                {
                    var startLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw Malformed($"Line {startLine}: a quoted field is never closed.");
                        }

                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        line += text[i] == '\n' ? 1 : 0;
                        field.Append(text[i++]);
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw Malformed($"Line {line}: unexpected text after a closing quote.");
                    }

                    atFieldStart = false;
                    continue;
                }

                switch (c)
                {
                    case ',':
                        record.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        i++;
                        break;
                    case '\r' or '\n':
                        record.Add(field.ToString());
                        field.Clear();
                        records.Add(record);
                        record = [];
                        atFieldStart = true;
                        i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                        line++;
                        break;
                    case '"':
                        throw Malformed($"Line {line}: a quote inside an unquoted field; quote the whole field and double the quote.");
                    default:
                        field.Append(c);
                        atFieldStart = false;
                        i++;
                        break;
                }
            }

            if (!atFieldStart || field.Length > 0 || record.Count > 0)
            {
                record.Add(field.ToString());
                records.Add(record);
            }

            return records;
        }
    }
}
