using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Rewards;

namespace Loyalty.Domain.Tests.Financial;

public sealed class VoucherCodeTests
{
    [Fact]
    public void Generated_codes_are_twelve_unambiguous_characters_shown_in_groups_of_four_and_parse_back()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            var code = VoucherCode.Generate();

            Assert.Equal(VoucherCode.Length, code.Value.Length);
            Assert.All(code.Value, c => Assert.Contains(c, CheckedCode.Alphabet));
            Assert.DoesNotContain(code.Value, c => c is 'I' or 'L' or 'O' or 'U');
            Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code.Formatted);
            Assert.Equal(CodeParseResult.Valid, VoucherCode.TryParse(code.Formatted, out var parsed));
            Assert.Equal(code, parsed);
            Assert.True(seen.Add(code.Value), "codes do not repeat");
        }
    }

    [Fact]
    public void The_check_character_makes_the_luhn_mod_32_sum_divisible_by_32()
    {
        // Payload 0000000000 1 (value 1, doubled: 2) needs 30 more to reach 32: check character 'Y' (value 30).
        Assert.Equal('Y', CheckedCode.CheckCharacter("00000000001"));
        Assert.Equal('0', CheckedCode.CheckCharacter("00000000000"));
        // 'Z' (31) doubled is 62 → 1 + 30 = 31; one more makes 32: '1'.
        Assert.Equal('1', CheckedCode.CheckCharacter("0000000000Z"));
    }

    [Theory]
    [InlineData(" abcd-efgh-jkm{0} ")]
    [InlineData("ABCDEFGHJKM{0}")]
    [InlineData("abcd efgh jkm{0}")]
    [InlineData("aBcD-eFgH-jKm{0}")]
    public void Dashes_spaces_and_lower_case_are_accepted(string template)
    {
        var check = CheckedCode.CheckCharacter("ABCDEFGHJKM");
        var input = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, char.ToLowerInvariant(check));

        Assert.Equal(CodeParseResult.Valid, VoucherCode.TryParse(input, out var code));
        Assert.Equal("ABCDEFGHJKM" + check, code.Value);
        Assert.Equal($"ABCD-EFGH-JKM{check}", code.Formatted);
    }

    [Fact]
    public void The_letters_o_i_and_l_are_read_as_the_digits_they_look_like()
    {
        var code = VoucherCode.Generate().Value;
        var typed = code.Replace('0', 'O').Replace('1', 'l');

        Assert.Equal(CodeParseResult.Valid, VoucherCode.TryParse(typed, out var parsed));
        Assert.Equal(code, parsed.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABCD-EFGH-JKM")] // 11 characters
    [InlineData("ABCD-EFGH-JKMNP")] // 13
    [InlineData("ABCD-EFGH-JKMU")] // U is not in the alphabet
    [InlineData("ABCD_EFGH_JKMN")]
    [InlineData("ABCD-EFGH-JKM€")]
    public void Malformed_input_is_an_invalid_format(string? input) =>
        Assert.Equal(CodeParseResult.InvalidFormat, VoucherCode.TryParse(input, out _));

    [Fact]
    public void Every_single_mistyped_character_is_caught_by_the_check_character()
    {
        for (var n = 0; n < 20; n++)
        {
            var code = VoucherCode.Generate().Value;
            for (var position = 0; position < VoucherCode.Length; position++)
            {
                foreach (var other in CheckedCode.Alphabet.Where(c => c != code[position]))
                {
                    var typo = string.Concat(code.AsSpan(0, position), other.ToString(), code.AsSpan(position + 1));
                    Assert.Equal(CodeParseResult.InvalidCheckCharacter, VoucherCode.TryParse(typo, out _));
                }
            }
        }
    }

    [Fact]
    public void Swapping_two_neighbours_is_caught_unless_they_are_0_and_Z()
    {
        // Luhn mod N's one blind spot for neighbour swaps is the pair with values 0 and N-1.
        for (var n = 0; n < 200; n++)
        {
            var code = VoucherCode.Generate().Value;
            for (var i = 0; i < VoucherCode.Length - 1; i++)
            {
                var (a, b) = (code[i], code[i + 1]);
                if (a == b || (a, b) is ('0', 'Z') or ('Z', '0'))
                {
                    continue;
                }

                var swapped = string.Concat(code.AsSpan(0, i), b.ToString(), a.ToString(), code.AsSpan(i + 2));
                Assert.Equal(CodeParseResult.InvalidCheckCharacter, VoucherCode.TryParse(swapped, out _));
            }
        }
    }
}
