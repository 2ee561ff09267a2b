using Loyalty.Application.Abstractions;

namespace Loyalty.Infrastructure.Persistence;

/// <summary>One writer at a time in this process, in arrival order, for SQLite's single-writer database.</summary>
public sealed class SqliteWriteGate : IWriteGate, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public bool SingleWriter => true;

    public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Exit(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Exit(SemaphoreSlim writer) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Server databases lock rows, not the whole database: nothing to queue for.</summary>
public sealed class OpenWriteGate : IWriteGate
{
    private static readonly IAsyncDisposable Nothing = new NoExit();

    public bool SingleWriter => false;

    public ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Nothing);

    private sealed class NoExit : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
