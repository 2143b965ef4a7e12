package io.bigr.discovery.fingerprint;

import io.bigr.discovery.core.BigrCategory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a device is, as a fingerprint says it (a closed list), and the BİGR category each type belongs to: the
 * table of docs/DOMAIN.md §4.15. Network gear, general servers, directory and network services, hypervisors and
 * management controllers are {@code ag_ve_sistemler}; web, application, database, mail and file services (NAS
 * included) are {@code uygulamalar}; workstations, laptops, phones and tablets are {@code tasinabilir}; printers,
 * cameras, media devices, smart-home gear, VoIP phones, power and building equipment are {@code iot}.
 */
public enum DeviceType {
    ROUTER(BigrCategory.AG_VE_SISTEMLER),
    FIREWALL(BigrCategory.AG_VE_SISTEMLER),
    SWITCH(BigrCategory.AG_VE_SISTEMLER),
    ACCESS_POINT(BigrCategory.AG_VE_SISTEMLER),
    WIRELESS_CONTROLLER(BigrCategory.AG_VE_SISTEMLER),
    LOAD_BALANCER(BigrCategory.AG_VE_SISTEMLER),
    SERVER(BigrCategory.AG_VE_SISTEMLER),
    DIRECTORY_SERVER(BigrCategory.AG_VE_SISTEMLER),
    DNS_SERVER(BigrCategory.AG_VE_SISTEMLER),
    HYPERVISOR(BigrCategory.AG_VE_SISTEMLER),
    MANAGEMENT_CONTROLLER(BigrCategory.AG_VE_SISTEMLER),
    WEB_SERVER(BigrCategory.UYGULAMALAR),
    APPLICATION_SERVER(BigrCategory.UYGULAMALAR),
    DATABASE_SERVER(BigrCategory.UYGULAMALAR),
    MAIL_SERVER(BigrCategory.UYGULAMALAR),
    FILE_SERVER(BigrCategory.UYGULAMALAR),
    NAS(BigrCategory.UYGULAMALAR),
    WORKSTATION(BigrCategory.TASINABILIR),
    LAPTOP(BigrCategory.TASINABILIR),
    PHONE(BigrCategory.TASINABILIR),
    TABLET(BigrCategory.TASINABILIR),
    PRINTER(BigrCategory.IOT),
    CAMERA(BigrCategory.IOT),
    NVR(BigrCategory.IOT),
    TV(BigrCategory.IOT),
    STREAMER(BigrCategory.IOT),
    SPEAKER(BigrCategory.IOT),
    GAME_CONSOLE(BigrCategory.IOT),
    SMART_PLUG(BigrCategory.IOT),
    HUB(BigrCategory.IOT),
    SENSOR(BigrCategory.IOT),
    VOIP_PHONE(BigrCategory.IOT),
    UPS(BigrCategory.IOT),
    PDU(BigrCategory.IOT),
    BUILDING_CONTROLLER(BigrCategory.IOT);

    private final BigrCategory category;

    DeviceType(BigrCategory category) {
        this.category = category;
    }

    /** The BİGR category a device of this type belongs to (§4.15 table). */
    public BigrCategory category() {
        return category;
    }

    /** Wire value in fingerprint files and evidence, e.g. {@code access_point}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
    }

    public static String allValues() {
        return Arrays.stream(values()).map(DeviceType::value).collect(Collectors.joining(", "));
    }
}
