package io.github.usdt4j.benchmarks;

import io.github.usdt4j.DType;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/**
 * Forty providers of ten probes each, the start-up benchmark's application: as many as a
 * service with a provider per component might declare. Spelled out, not made at run time (each
 * is its own generated class and library, as in an application); only the names differ.
 */
public final class StartUpProviders {
    private StartUpProviders() {}

    /** The provider interfaces, in the order the start-up program loads them. */
    public static final Class<?>[] ALL = {
        P01.class, P02.class, P03.class, P04.class, P05.class, P06.class, P07.class, P08.class,
        P09.class, P10.class, P11.class, P12.class, P13.class, P14.class, P15.class, P16.class,
        P17.class, P18.class, P19.class, P20.class, P21.class, P22.class, P23.class, P24.class,
        P25.class, P26.class, P27.class, P28.class, P29.class, P30.class, P31.class, P32.class,
        P33.class, P34.class, P35.class, P36.class, P37.class, P38.class, P39.class, P40.class,
    };

    @Provider("startup01_")
    public interface P01 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup02_")
    public interface P02 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup03_")
    public interface P03 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup04_")
    public interface P04 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup05_")
    public interface P05 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup06_")
    public interface P06 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup07_")
    public interface P07 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup08_")
    public interface P08 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup09_")
    public interface P09 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup10_")
    public interface P10 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup11_")
    public interface P11 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup12_")
    public interface P12 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup13_")
    public interface P13 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup14_")
    public interface P14 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup15_")
    public interface P15 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup16_")
    public interface P16 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup17_")
    public interface P17 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup18_")
    public interface P18 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup19_")
    public interface P19 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup20_")
    public interface P20 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup21_")
    public interface P21 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup22_")
    public interface P22 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup23_")
    public interface P23 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup24_")
    public interface P24 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup25_")
    public interface P25 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup26_")
    public interface P26 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup27_")
    public interface P27 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup28_")
    public interface P28 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup29_")
    public interface P29 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup30_")
    public interface P30 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup31_")
    public interface P31 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup32_")
    public interface P32 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup33_")
    public interface P33 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup34_")
    public interface P34 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup35_")
    public interface P35 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup36_")
    public interface P36 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup37_")
    public interface P37 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup38_")
    public interface P38 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup39_")
    public interface P39 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }

    @Provider("startup40_")
    public interface P40 {
        @Probe void p0(int id, String name, @DType("size_t") long size);
        @Probe void p1(int id, String name, @DType("size_t") long size);
        @Probe void p2(int id, String name, @DType("size_t") long size);
        @Probe void p3(int id, String name, @DType("size_t") long size);
        @Probe void p4(int id, String name, @DType("size_t") long size);
        @Probe void p5(int id, String name, @DType("size_t") long size);
        @Probe void p6(int id, String name, @DType("size_t") long size);
        @Probe void p7(int id, String name, @DType("size_t") long size);
        @Probe void p8(int id, String name, @DType("size_t") long size);
        @Probe void p9(int id, String name, @DType("size_t") long size);
    }
}
