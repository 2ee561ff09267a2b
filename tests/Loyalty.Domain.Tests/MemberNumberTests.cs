using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Tests;

public sealed class MemberNumberTests
{
    // Luhn-valid: the check digit of 81234567890 is 6.
    private const string KnownValid = "812345678906";

    public static TheoryData<string> GeneratedNumbers
    {
        get
        {
            var data = new TheoryData<string>();
            for (var i = 0; i < 25; i++)
            {
                data.Add(MemberNumber.Generate().Value);
            }

            // Fixed numbers too, so the 0/9 neighbours of the Luhn blind spot are always exercised.
            data.Add(WithCheckDigit("80912345678"));
            data.Add(WithCheckDigit("89012345670"));
            data.Add(WithCheckDigit("80000000009"));
            data.Add(KnownValid);
            return data;
        }
    }

    [Fact]
    public void Generate_gives_twelve_digits_starting_with_8_that_parse_as_valid()
    {
        for (var i = 0; i < 1000; i++)
        {
            var number = MemberNumber.Generate();

            Assert.Equal(MemberNumber.Length, number.Value.Length);
            Assert.All(number.Value, c => Assert.InRange(c, '0', '9'));
            Assert.Equal('8', number.Value[0]);
            Assert.Equal(MemberNumberParseResult.Valid, MemberNumber.TryParse(number.Value, out var parsed));
            Assert.Equal(number, parsed);
        }
    }

    [Theory]
    [InlineData("812345678906")]
    [InlineData("8123 4567 8906")]
    [InlineData("8123-4567-8906")]
    [InlineData(" 8123 - 4567 - 8906 ")]
    public void TryParse_accepts_spaces_and_dashes_between_digits(string input)
    {
        var result = MemberNumber.TryParse(input, out var number);

        Assert.Equal(MemberNumberParseResult.Valid, result);
        Assert.Equal(KnownValid, number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("8123 4567 890A")]
    [InlineData("812345678g06")]
    [InlineData("8123.4567.8906")]
    [InlineData("81234567890")]
    [InlineData("8123456789060")]
    [InlineData("8")]
    [InlineData("８１２３４５６７８９０６")] // full-width digits are not ASCII digits
    public void TryParse_rejects_letters_and_wrong_lengths_as_invalid_format(string? input)
    {
        var result = MemberNumber.TryParse(input, out var number);

        Assert.Equal(MemberNumberParseResult.InvalidFormat, result);
        Assert.Equal(default, number);
    }

    [Fact]
    public void Exactly_one_check_digit_completes_a_payload()
    {
        var valid = Enumerable.Range(0, 10)
            .Where(d => MemberNumber.TryParse("81234567890" + (char)('0' + d), out _) == MemberNumberParseResult.Valid)
            .ToList();

        Assert.Equal([6], valid);
        Assert.Equal(MemberNumberParseResult.InvalidCheckDigit, MemberNumber.TryParse("8123 4567 8901", out var number));
        Assert.Equal(default, number);
    }

    [Theory]
    [MemberData(nameof(GeneratedNumbers), DisableDiscoveryEnumeration = true)]
    public void Every_single_digit_substitution_at_every_position_is_caught_as_invalid_check_digit(string valid)
    {
        Assert.Equal(MemberNumberParseResult.Valid, MemberNumber.TryParse(valid, out _));
        var checkedCount = 0;
        for (var position = 0; position < MemberNumber.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[position])
                {
                    continue;
                }

                var typo = valid[..position] + digit + valid[(position + 1)..];
                Assert.True(
                    MemberNumber.TryParse(typo, out _) == MemberNumberParseResult.InvalidCheckDigit,
                    $"{typo} (digit {position} of {valid} changed to {digit}) was not caught");
                checkedCount++;
            }
        }

        Assert.Equal(MemberNumber.Length * 9, checkedCount);
    }

    [Theory]
    [MemberData(nameof(GeneratedNumbers), DisableDiscoveryEnumeration = true)]
    public void Every_adjacent_transposition_is_caught_except_the_Luhn_blind_spot_09_and_90(string valid)
    {
        for (var position = 0; position < MemberNumber.Length - 1; position++)
        {
            var (a, b) = (valid[position], valid[position + 1]);
            if (a == b)
            {
                continue; // swapping equal digits changes nothing
            }

            var swapped = valid[..position] + b + a + valid[(position + 2)..];
            var expected = IsLuhnBlindSpot(a, b) ? MemberNumberParseResult.Valid : MemberNumberParseResult.InvalidCheckDigit;
            Assert.True(
                MemberNumber.TryParse(swapped, out _) == expected,
                $"{swapped} (digits {position} and {position + 1} of {valid} swapped) should be {expected}");
        }
    }

    [Theory]
    [InlineData("80912345678", 1)]
    [InlineData("89012345670", 1)]
    public void Swapping_a_0_and_a_9_next_to_each_other_goes_unnoticed(string payload, int position)
    {
        var valid = WithCheckDigit(payload);
        var swapped = valid[..position] + valid[position + 1] + valid[position] + valid[(position + 2)..];

        Assert.NotEqual(valid, swapped);
        Assert.Equal(MemberNumberParseResult.Valid, MemberNumber.TryParse(swapped, out _));
    }

    [Fact]
    public void Formatted_groups_the_digits_four_by_four()
    {
        Assert.Equal(MemberNumberParseResult.Valid, MemberNumber.TryParse(KnownValid, out var number));

        Assert.Equal("8123 4567 8906", number.Formatted);
        Assert.Equal(KnownValid, number.ToString());
        Assert.Matches("^8[0-9]{3} [0-9]{4} [0-9]{4}$", MemberNumber.Generate().Formatted);
    }

    private static bool IsLuhnBlindSpot(char a, char b) => (a, b) is ('0', '9') or ('9', '0');

    /// <summary>Completes an 11-digit payload with the one check digit TryParse accepts.</summary>
    private static string WithCheckDigit(string payload) =>
        Enumerable.Range(0, 10)
            .Select(d => payload + (char)('0' + d))
            .Single(candidate => MemberNumber.TryParse(candidate, out _) == MemberNumberParseResult.Valid);
}
