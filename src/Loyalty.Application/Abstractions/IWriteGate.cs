namespace Loyalty.Application.Abstractions;

/// <summary>
/// Admits one writing transaction at a time where the database itself allows only one writer (SQLite): waiting
/// here is a queue, whereas waiting inside SQLite is a busy-retry loop that sleeps in steps of many milliseconds.
/// On SQL Server and PostgreSQL it admits everyone; row locks do the work there.
/// </summary>
public interface IWriteGate
{
    /// <summary>
    /// One writer at a time (SQLite): running batches side by side gains nothing, and a unit of work reads before it
    /// takes its turn, at its first write (<see cref="Common.WriteTransaction.BeginUnitOfWorkAsync"/>).
    /// </summary>
    bool SingleWriter { get; }

    ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken);
}
