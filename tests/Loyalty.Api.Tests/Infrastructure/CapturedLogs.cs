using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Loyalty.Api.Tests.Infrastructure;

/// <summary>
/// Keeps the API's log entries that carry an exception, so a test can check that a rejection logged no stack trace,
/// and the request log's lines, so a test can check there is one per request.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private const string RequestLogCategory = "Loyalty.Api.Logging.RequestLogMiddleware";

    private readonly ConcurrentQueue<(string Category, string Message, Exception Exception)> _exceptions = new();
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<(string Category, string Message, Exception Exception)> Exceptions => [.. _exceptions];

    public IReadOnlyList<string> RequestLines => [.. _requests];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (category == RequestLogCategory && logLevel >= LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (category == RequestLogCategory)
            {
                logs._requests.Enqueue(formatter(state, exception));
            }

            if (exception is not null && logLevel >= LogLevel.Warning)
            {
                logs._exceptions.Enqueue((category, formatter(state, exception), exception));
            }
        }
    }
}
