using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Loyalty.Api.Auth;
using Loyalty.Api.Errors;
using Loyalty.Contracts;
using Loyalty.Infrastructure.Idempotency;
using Loyalty.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Api.Idempotency;

/// <summary>Marks an endpoint whose callers must send an <c>Idempotency-Key</c>.</summary>
public sealed class RequiresIdempotencyKeyAttribute(bool responseHoldsSecret = false) : Attribute
{
    /// <summary>The response shows a secret once: its stored replay is encrypted (see <see cref="IdempotentResponseProtector"/>).</summary>
    public bool ResponseHoldsSecret { get; } = responseHoldsSecret;
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>For the descriptions of endpoints whose answer holds a secret shown once.</summary>
    public const string SecretReplay = "A retry with the same Idempotency-Key gets the same answer, secret included; the stored copy is encrypted.";

    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder, bool responseHoldsSecret = false)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiresIdempotencyKeyAttribute(responseHoldsSecret));
}

/// <summary>
/// Makes retried writes safe. The first response to a caller's key is stored with a hash of the request; a replay
/// gets the same status and body (and <c>Idempotent-Replayed: true</c>), the same key with another request is a
/// 422, and a replay while the first is still running is a 409. A key is stored only with a response that was
/// actually sent: when the attempt fails on our side, the key is released and the retry runs for real. A request
/// whose handler ran in a unit of work commits its effects and its response together (the commit journal holds the
/// transaction until the response is known), so whatever committed can be replayed, even after a crash.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IdempotentResponseProtector protector, IProblemDetailsService problems)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<RequiresIdempotencyKeyAttribute>();
        if (requirement is null || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            await WriteProblemAsync(context, 400, ErrorCodes.IdempotencyKeyRequired, "An Idempotency-Key header is required.", "Send a unique key (e.g. a UUID) per operation and reuse it when you retry that operation.");
            return;
        }

        if (key.Length > 255)
        {
            await WriteProblemAsync(context, 400, ErrorCodes.IdempotencyKeyInvalid, "The Idempotency-Key is too long.", "Use at most 255 characters.");
            return;
        }

        var scope = ScopeOf(context);
        var hash = await HashRequestAsync(context.Request);

        // One connection for the request: the claim (committed at once; on SQLite held in process, see IdempotencyStore),
        // the unit of work and its stored response all run on the request's context, whose connection stays open until
        // the response is stored.
        var db = context.RequestServices.GetRequiredService<LoyaltyDbContext>();
        await db.Database.OpenConnectionAsync(context.RequestAborted);
        try
        {
            await ClaimAndRunAsync(context, db, requirement, scope, key, hash);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ClaimAndRunAsync(HttpContext context, LoyaltyDbContext db, RequiresIdempotencyKeyAttribute requirement, string scope, string key, string hash)
    {
        var decision = await store.BeginAsync(db, scope, key, hash, context.RequestAborted);
        switch (decision)
        {
            case IdempotencyDecision.Replay replay:
                Loyalty.Application.Common.LoyaltyTelemetry.IdempotentReplays.Add(1);
                if (!protector.TryOpen(replay.Body, out var body))
                {
                    await WriteResponseLostAsync(context); // sealed with a key the key ring no longer has
                    return;
                }

                context.Response.StatusCode = replay.StatusCode;
                context.Response.Headers[ReplayedHeader] = "true";
                if (replay.ContentType is not null)
                {
                    context.Response.ContentType = replay.ContentType;
                }

                if (body is { Length: > 0 })
                {
                    await context.Response.WriteAsync(body, context.RequestAborted);
                }

                return;
            case IdempotencyDecision.InFlight:
                await WriteProblemAsync(context, 409, ErrorCodes.IdempotencyRequestInFlight, "A request with this Idempotency-Key is still being processed.", "Retry after it has finished.");
                return;
            case IdempotencyDecision.ResponseLost:
                await WriteResponseLostAsync(context);
                return;
            case IdempotencyDecision.KeyReused:
                await WriteProblemAsync(context, 422, ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used for a different request.", "Use a new key for a new operation.");
                return;
        }

        if (requirement.ResponseHoldsSecret)
        {
            try
            {
                protector.EnsureKey();
            }
            catch
            {
                await store.ReleaseAsync(scope, key, CancellationToken.None);
                throw;
            }
        }

        context.RequestServices.GetRequiredService<CurrentIdempotencyKey>().Claimed = (scope, key);
        await RunAndStoreAsync(context, scope, key, requirement.ResponseHoldsSecret);
    }

    private async Task RunAndStoreAsync(HttpContext context, string scope, string key, bool sealResponse)
    {
        var journal = context.RequestServices.GetRequiredService<IdempotencyCommitJournal>();
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
            // The response is stored before it is sent: once a client can see it, a retry must see the same.
            if (context.Response.StatusCode >= 500)
            {
                await journal.RollBackAsync();
                await store.ReleaseAsync(scope, key, CancellationToken.None);
            }
            else if (journal.HasPendingCommit)
            {
                await CommitWithResponseAsync(context, journal, buffer, scope, key, sealResponse);
            }
            else
            {
                await store.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType, Stored(buffer, sealResponse), CancellationToken.None);
            }
        }
        catch
        {
            context.Response.Body = original;
            await journal.RollBackAsync();
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }

        context.Response.Body = original;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Commits the handler's unit of work with the response in its batch. When the database refuses the batch for a
    /// reason the client caused (a unique index, a racing update), nothing committed and the client gets that problem
    /// instead, stored like any other refusal.
    /// </summary>
    private async Task CommitWithResponseAsync(HttpContext context, IdempotencyCommitJournal journal, MemoryStream buffer, string scope, string key, bool sealResponse)
    {
        try
        {
            await journal.CommitAsync(context.Response.StatusCode, context.Response.ContentType, Stored(buffer, sealResponse), context.RequestAborted);
        }
        catch (Exception exception) when (Problems.FromException(exception) is { } problem)
        {
            context.Response.Clear(); // the buffered response: nothing was sent yet
            context.Response.StatusCode = problem.Status ?? StatusCodes.Status409Conflict;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
            await store.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType, Stored(buffer, sealResponse), CancellationToken.None);
        }
    }

    private string Stored(MemoryStream buffer, bool seal)
    {
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return seal ? protector.Seal(body) : body;
    }

    /// <summary>Keys belong to one caller: a partner (all its keys share a scope), a member, or a staff user on admin routes.</summary>
    private static string ScopeOf(HttpContext context)
    {
        var user = context.User;
        var partner = user.FindFirst(LoyaltyClaims.PartnerId)?.Value;
        if (partner is not null)
        {
            return "partner:" + partner;
        }

        // Staff and members may come from different identity providers: keep their subjects apart.
        var audience = context.Request.Path.StartsWithSegments("/api/v1/admin", StringComparison.OrdinalIgnoreCase) ? "admin:" : "member:";
        return audience + user.FindFirst(LoyaltyClaims.Subject)?.Value;
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // A pooled chunk: a fresh 8 KB array per write request was a large share of what the till path allocated.
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var head = $"{request.Method} {request.Path}{request.QueryString}\n";
            if (Encoding.UTF8.GetByteCount(head) <= chunk.Length)
            {
                sha.AppendData(chunk, 0, Encoding.UTF8.GetBytes(head, chunk));
            }
            else
            {
                sha.AppendData(Encoding.UTF8.GetBytes(head));
            }

            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                sha.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Only for what cannot be rebuilt: a key committed by a version that stored responses after the commit, or a
    /// sealed response whose Data Protection key is gone. Every other committed request has its response stored.
    /// </summary>
    private Task WriteResponseLostAsync(HttpContext context) =>
        WriteProblemAsync(context, 409, ErrorCodes.IdempotencyResponseLost, "The first request with this Idempotency-Key took effect, but its response was lost.", "Do not repeat the operation: check its result (e.g. the member's balance or history) instead.");

    private async Task WriteProblemAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Create(status, code, title, detail) });
    }
}
