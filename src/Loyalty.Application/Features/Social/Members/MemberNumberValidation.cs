using FluentValidation;

namespace Loyalty.Application.Features.Social.Members;

public static class MemberNumberValidation
{
    /// <summary>A member number in a request body: well formed, and with a matching check digit.</summary>
    public static IRuleBuilderOptions<T, string> MemberNumber<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .Must(MemberLookup.IsWellFormed).WithMessage(MemberLookup.InvalidNumberMessage)
            .Must(MemberLookup.HasValidCheckDigit).WithMessage(MemberLookup.CheckDigitMessage);
}
