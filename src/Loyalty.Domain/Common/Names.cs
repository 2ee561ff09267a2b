using System.Text;

namespace Loyalty.Domain.Common;

/// <summary>
/// Names (partners, stores, tiers, rewards, rules, keys) as stored and compared: trimmed and in Unicode
/// normalisation form C, so "é" typed as one character or as e + combining accent is one name, not two.
/// </summary>
public static class Names
{
    public static string Clean(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }
}
