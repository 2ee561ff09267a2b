namespace Loyalty.Application.Abstractions;

/// <summary>
/// Marks a command whose handler must run inside one database transaction (the unit-of-work behaviour opens
/// and commits it), e.g. because it moves points and writes their ledger entries together.
/// </summary>
public interface ITransactionalCommand;
