using System.Runtime.CompilerServices;
using Loyalty.Application.Abstractions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Loyalty.Application.Common;

/// <summary>
/// A query on a hot path that EF compiles once (<c>EF.CompileAsyncQuery</c>) instead of having its LINQ expression
/// tree built, parameterised and looked up in the query cache on every call. One compiled delegate per model: EF binds
/// a compiled query to the model it last ran on and recompiles when another one comes (a test run has several).
/// </summary>
public sealed class HotQuery<TDelegate>(Func<TDelegate> compile)
    where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> _byModel = [];

    public TDelegate For(ILoyaltyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var model = db.Model;
        return _byModel.TryGetValue(model, out var compiled) ? compiled : _byModel.GetValue(model, _ => compile());
    }
}
