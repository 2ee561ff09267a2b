using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Features.Customised.Profiles;
using Loyalty.Domain.Customised.Profiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Segments;

/// <summary>
/// The segment's members (as of its last refresh) who may receive marketing on <paramref name="Channel"/> (email, push
/// or sms) right now, as CSV: member number, names and the one address that channel needs. A member without that
/// consent, or who is no longer active, is never in the file.
/// </summary>
public sealed record ExportSegmentMembersQuery(Guid SegmentId, string? Channel) : IQuery<SegmentExport>;

/// <summary>The file's name and its lines (header first), read from the database as they are written out.</summary>
public sealed record SegmentExport(string FileName, IAsyncEnumerable<string> Lines);

public sealed class ExportSegmentMembersValidator : AbstractValidator<ExportSegmentMembersQuery>
{
    public ExportSegmentMembersValidator() =>
        RuleFor(q => q.Channel).NotEmpty().Must(c => ExportSegmentMembersHandler.ParseChannel(c) is not null)
            .WithMessage("channel is email, push or sms.").OverridePropertyName("channel");
}

public sealed class ExportSegmentMembersHandler(IReportingDbContext db) : IQueryHandler<ExportSegmentMembersQuery, SegmentExport>
{
    public static ContactChannel? ParseChannel(string? value) => value?.ToUpperInvariant() switch
    {
        "EMAIL" => ContactChannel.Email,
        "PUSH" => ContactChannel.Push,
        "SMS" => ContactChannel.Sms,
        _ => null,
    };

    public async ValueTask<SegmentExport> Handle(ExportSegmentMembersQuery query, CancellationToken cancellationToken)
    {
        var segment = await SegmentDefinitions.FindAsync(db, query.SegmentId, cancellationToken);
        var channel = ParseChannel(query.Channel)!.Value;
        var consenting = db.MembersWithMarketingConsent(channel);
        var rows = from sm in db.SegmentMembers.AsNoTracking()
                   where sm.SegmentId == segment.Id && consenting.Contains(sm.MemberId)
                   join m in db.Members on sm.MemberId equals m.Id
                   where m.ErasedAt == null && (channel != ContactChannel.Sms || m.Phone != null) && (channel != ContactChannel.Push || m.ExternalId != null)
                   orderby m.MemberNumber
                   select new { m.MemberNumber, m.FirstName, m.LastName, m.Email, m.Phone, m.ExternalId };
        var header = channel switch
        {
            ContactChannel.Email => "memberNumber,firstName,lastName,email",
            ContactChannel.Sms => "memberNumber,firstName,lastName,phone",
            _ => "memberNumber,firstName,lastName,appUserId",
        };

        async IAsyncEnumerable<string> Lines([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return header;
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var address = channel switch
                {
                    ContactChannel.Email => r.Email,
                    ContactChannel.Sms => r.Phone,
                    _ => r.ExternalId,
                };
                yield return $"{CsvField.Of(r.MemberNumber)},{CsvField.Of(r.FirstName)},{CsvField.Of(r.LastName)},{CsvField.Of(address)}";
            }
        }

        var fileName = $"segment-{segment.Id:N}-{channel.ToString().ToLowerInvariant()}.csv";
        return new SegmentExport(fileName, Lines(cancellationToken));
    }
}
