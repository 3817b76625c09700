namespace GeoGrid.Core.Demo;

/// <summary>Synthetic but plausible Chinese personal names and masked mobile numbers for the demo.</summary>
public static class PeopleNames
{
    private const string Surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
    private const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕玉兰红梅春梅丽娟淑珍凤英建军晓东晓明新华永刚卫东国庆文博子涵浩然欣怡宇航梓萱";

    public static string Person(Random random)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var length = random.Next(2) + 1;
        var given = new char[length];
        for (var i = 0; i < length; i++)
        {
            given[i] = Given[random.Next(Given.Length)];
        }

        return surname + new string(given);
    }

    /// <summary>
    /// A (made-up) mobile number. The middle four digits come from the others rather than from
    /// <paramref name="random"/>, so the demo draws the same random numbers as before phones were kept whole.
    /// </summary>
    public static string Phone(Random random)
    {
        var second = "3578"[random.Next(4)];
        var third = random.Next(10);
        var last = random.Next(10000);
        var middle = ((last * 7919) + (third * 104729) + second) % 10000;
        return $"1{second}{third}{middle:D4}{last:D4}";
    }
}
