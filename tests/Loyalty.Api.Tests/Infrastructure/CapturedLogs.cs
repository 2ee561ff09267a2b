using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>Keeps the API's log entries that carry an exception, so a test can check that a rejection logged no stack trace.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message, Exception Exception)> _exceptions = new();

    public IReadOnlyList<(string Category, string Message, Exception Exception)> Exceptions => [.. _exceptions];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel))
            {
                logs._exceptions.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }
}
